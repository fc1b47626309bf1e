// Manual check of a running `fedcot serve` with the official OpenAI SDK (the `openai` npm package).
// Not part of the Java tests. From this folder, after `npm ci`:
//   FEDCOT_KEY=... ./fedcot serve --model M --api-key-env FEDCOT_KEY --port 8000 &      (repository root)
//   FEDCOT_KEY=... node openai_sdk_check.mjs http://127.0.0.1:8000/v1
// The key comes from FEDCOT_KEY (any value when the server was started without --api-key-env).
// Greedy (temperature 0) answers must be the same whole and streamed; every check prints one line,
// and the script exits non-zero at the first that fails.
import OpenAI from "openai";
import assert from "node:assert/strict";

const baseURL = process.argv[2] ?? "http://127.0.0.1:8000/v1";
const client = new OpenAI({ baseURL, apiKey: process.env.FEDCOT_KEY ?? "none", maxRetries: 0 });

const models = await client.models.list();
const model = models.data[0].id;
assert.equal(models.data.length, 1);
console.log(`models.list: ${models.data.map((m) => m.id).join(", ")}`);

const completion = await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 24, temperature: 0 });
assert.equal(completion.object, "text_completion");
console.log(`completions: ${JSON.stringify(completion.choices[0].text)} finish=${completion.choices[0].finish_reason} `
  + `usage=${JSON.stringify(completion.usage)}`);

let streamedCompletion = "";
for await (const chunk of await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 24,
  temperature: 0, stream: true })) {
  streamedCompletion += chunk.choices[0]?.text ?? "";
}
assert.equal(streamedCompletion, completion.choices[0].text);
console.log("completions stream: chunks concatenate to the same text");

const messages = [{ role: "system", content: "You tell short stories." }, { role: "user", content: "Tell me one." }];
const chat = await client.chat.completions.create({ model, messages, max_tokens: 24, temperature: 0, stop: ["\n\n"] });
assert.equal(chat.choices[0].message.role, "assistant");
console.log(`chat: ${JSON.stringify(chat.choices[0].message.content)} finish=${chat.choices[0].finish_reason} `
  + `usage=${JSON.stringify(chat.usage)}`);

let streamedChat = "";
let usage = null;
let chunks = 0;
for await (const chunk of await client.chat.completions.create({ model, messages, max_tokens: 24, temperature: 0,
  stop: ["\n\n"], stream: true, stream_options: { include_usage: true } })) {
  chunks++;
  streamedChat += chunk.choices[0]?.delta?.content ?? "";
  usage = chunk.usage ?? usage;
}
assert.equal(streamedChat, chat.choices[0].message.content);
assert.deepEqual(usage, chat.usage);
console.log(`chat stream: ${chunks} chunks concatenate to the same message; usage chunk matches`);

const seeded = { model, prompt: "The dog", max_tokens: 16, temperature: 0.8, seed: 7, n: 2 };
const a = await client.completions.create(seeded);
const b = await client.completions.create(seeded);
assert.deepEqual(a.choices.map((c) => c.text), b.choices.map((c) => c.text));
console.log(`seeded sampling, n=2: reproducible (${a.choices.length} choices)`);

await assert.rejects(client.completions.create({ model: "no-such-model", prompt: "x" }),
  (e) => e instanceof OpenAI.NotFoundError && e.code === "model_not_found");
console.log("unknown model: NotFoundError (404, model_not_found)");
await assert.rejects(client.completions.create({ model, prompt: "x", max_tokens: 100000 }),
  (e) => e instanceof OpenAI.BadRequestError && e.code === "context_length_exceeded");
console.log("prompt beyond the context: BadRequestError (400, context_length_exceeded)");
if (process.env.FEDCOT_KEY) {
  const wrong = new OpenAI({ baseURL, apiKey: "wrong-key", maxRetries: 0 });
  await assert.rejects(wrong.models.list(), (e) => e instanceof OpenAI.AuthenticationError);
  console.log("wrong key: AuthenticationError (401)");
}
console.log("all OpenAI SDK checks passed");
