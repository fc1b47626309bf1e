// Renders chat templates with Hugging Face's own JS Jinja (@huggingface/jinja, what transformers.js's
// apply_chat_template uses) and writes the results as the fixture ChatTemplateTest compares against:
//   llm-client/src/test/resources/org/fedcot/llm/prompt/chat_templates.json
// Run from this folder after `npm ci`:  node make_chat_template_fixture.mjs [SHARED_DIR]
// SHARED_DIR defaults to the shared/ folder beside the repository (../../../../../shared).
import { Template } from "@huggingface/jinja";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(process.argv[2] ?? join(here, "../../../../../shared"));
const out = join(here, "../resources/org/fedcot/llm/prompt/chat_templates.json");

const qwen3Config = JSON.parse(readFileSync(join(shared, "models/tokenizers/qwen3-tokenizer/tokenizer_config.json"), "utf8"));
const qwen3Tokens = { eos_token: qwen3Config.eos_token, pad_token: qwen3Config.pad_token };

// Small templates in the styles real models ship, each leaning on a feature the Java side adapts:
// raise_exception and slicing (Llama 2), bos/eos tokens and whitespace control (Zephyr), namespaces
// and Python string methods. Only string methods this library renders as Python does are used
// (its lstrip/rstrip ignore a characters argument, and it lacks str.join and str.find).
const llama2 =
  "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}" +
  "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}" +
  "{% set system_message = false %}{% endif %}{% for message in loop_messages %}" +
  "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}" +
  "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
  "{% if loop.index0 == 0 and system_message != false %}" +
  "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}" +
  "{% else %}{% set content = message['content'] %}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}" +
  "{% elif message['role'] == 'assistant' %}{{ ' ' + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";
const zephyr =
  "{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\\n' + message['content'] + eos_token }}\n" +
  "{% elif message['role'] == 'system' %}\n{{ '<|system|>\\n' + message['content'] + eos_token }}\n" +
  "{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\\n'  + message['content'] + eos_token }}\n{% endif %}\n" +
  "{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}\n";
const strings =
  "{%- set ns = namespace(count=0, last='') -%}\n" +
  "{%- for m in messages[::-1] %}\n" +
  "    {%- set ns.count = ns.count + m.content|length - 1 %}\n" +
  "    {%- if m.content.startswith('Q') and not m.content.endswith(('?', '!')) %}" +
  "{% set ns.last = m.content.split(': ', 1)[-1] %}{% endif %}\n" +
  "{%- endfor %}\n" +
  "{{- ns.count }}|{{ ns.last.upper() }}|{{ messages[0].content.split(' ')[-1].strip() }}|" +
  "{{ messages[0].content.split()|length }}|{{ messages[0].content.title() }}|{{ (' ' + messages[-1].content + '\\n').strip() }}\n";

const system = { role: "system", content: "You are a careful tutor." };
const user1 = { role: "user", content: "Q: What is 2 + 3?" };
const thinking = { role: "assistant", content: "<think>\nAdd them.\n</think>\n\nIt is 5." };
const user2 = { role: "user", content: "Q: and times 4" };

const cases = [
  { name: "qwen3 one user turn", template: "qwen3", messages: [user1], add_generation_prompt: true },
  { name: "qwen3 system, history with thinking, new turn", template: "qwen3",
    messages: [system, user1, thinking, user2], add_generation_prompt: true },
  { name: "qwen3 last turn is the assistant's", template: "qwen3", messages: [user1, thinking], add_generation_prompt: false },
  { name: "qwen3 thinking disabled", template: "qwen3", messages: [system, user1], add_generation_prompt: true,
    variables: { enable_thinking: false } },
  { name: "llama2 with system", template: "llama2", messages: [system, user1, { role: "assistant", content: " 5 " }, user2],
    add_generation_prompt: true },
  { name: "llama2 roles not alternating", template: "llama2", messages: [user1, user2], add_generation_prompt: true },
  { name: "zephyr", template: "zephyr", messages: [system, user1], add_generation_prompt: true },
  { name: "string methods", template: "strings", messages: [{ role: "user", content: "Sum the numbers 2 and 3." }, user1, user2],
    add_generation_prompt: false },
];

const templates = { qwen3: qwen3Config.chat_template, llama2, zephyr, strings };
const specialTokens = { qwen3: qwen3Tokens, llama2: { bos_token: "<s>", eos_token: "</s>" },
  zephyr: { eos_token: "</s>" }, strings: {} };

const rendered = cases.map((c) => {
  const context = { ...specialTokens[c.template], ...(c.variables ?? {}), messages: c.messages,
    add_generation_prompt: c.add_generation_prompt }; // the library defines raise_exception itself
  let expected = null;
  let error = null;
  try {
    expected = new Template(templates[c.template]).render(context);
  } catch (e) {
    error = e.message;
  }
  return { ...c, variables: c.variables ?? {}, expected, error };
});

writeFileSync(out, JSON.stringify({
  generator: "llm-client/src/test/node/make_chat_template_fixture.mjs with @huggingface/jinja",
  templates: Object.fromEntries(Object.entries(templates).map(([k, v]) => [k, { source: v, special_tokens: specialTokens[k] }])),
  cases: rendered,
}, null, 2) + "\n");
console.log(`wrote ${rendered.length} renderings to ${out}`);
