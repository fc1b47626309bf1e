// Writes the reference fixtures for org.fedcot.models.tokenizer.hf with Hugging Face's own JS
// tokenizers (@huggingface/tokenizers, the library Transformers.js uses), offline, from the
// tokenizer files in ../shared:
//
//   models/src/test/resources/tokenizer/hf/{gpt2,neox,qwen3}_encode.tsv   text, add-special flag, ids
//   models/src/test/resources/tokenizer/hf/{gpt2,neox,qwen3}_decode.tsv   ids, decoded text
//
// Run from this folder:  npm ci && node make_hf_references.mjs [path/to/shared]
// (the shared folder defaults to <repo>/../shared, or $FEDCOT_SHARED).
//
// GPT-2 ships as encoder.json + vocab.bpe; the script assembles the tokenizer.json that
// transformers' GPT2TokenizerFast builds from them, and checks every GPT-2 encoding against
// js-tiktoken's independent gpt2 ranks, so the assembly cannot hide a mistake.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Tokenizer } from "@huggingface/tokenizers";
import { Tiktoken } from "js-tiktoken/lite";
import tiktokenGpt2 from "js-tiktoken/ranks/gpt2";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../../..");
const shared = resolve(process.argv[2] ?? process.env.FEDCOT_SHARED ?? join(repo, "../shared"));
const outDir = join(repo, "models/src/test/resources/tokenizer/hf");
const tokenizersDir = join(shared, "models/tokenizers");

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const readJsonLines = (path) =>
  readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

// ---------------------------------------------------------------- tokenizers

function gpt2TokenizerJson() {
  const dir = join(tokenizersDir, "gpt2-tokenizer");
  const vocab = readJson(join(dir, "encoder.json"));
  const merges = readFileSync(join(dir, "vocab.bpe"), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#version"));
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [{
      id: vocab["<|endoftext|>"], content: "<|endoftext|>", single_word: false,
      lstrip: false, rstrip: false, normalized: true, special: true,
    }],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { ...byteLevel, trim_offsets: false },
    decoder: byteLevel,
    model: {
      type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "",
      end_of_word_suffix: "", fuse_unk: false, vocab, merges,
    },
  };
}

const tokenizers = {
  gpt2: new Tokenizer(gpt2TokenizerJson(), {}),
  neox: new Tokenizer(readJson(join(tokenizersDir, "gpt-neox-20b-tokenizer/20B_tokenizer.json")), {}),
  qwen3: new Tokenizer(
    readJson(join(tokenizersDir, "qwen3-tokenizer/tokenizer.json")),
    readJson(join(tokenizersDir, "qwen3-tokenizer/tokenizer_config.json")),
  ),
};

// ---------------------------------------------------------------- texts

const handWritten = [
  "", " ", "  ", "\n", "   \n  ", "Hello world", "Hello  world", "Hello   world    !",
  " leading space", "  two leading spaces", "trailing space ", "trailing spaces   ",
  "I'm sure you're right; we've seen they'll go, she'd say it's fine. Can't WON'T I'M HE'S",
  "it'S they'RE we'VE i'M you'LL he'D", "'s 't 're 've 'm 'll 'd", "rock 'n' roll", "''quoted''",
  "1234567890 12 3.14159 1,000,000 2024-01-01 007", "phone: +1 (555) 123-4567", "x=12345678901234567890",
  "line1\nline2\r\nline3\n\n\nend", "tab\there\t\tand\ttabs", "\n\n leading newlines",
  "spaces before newline   \n next", "a\r\rb\r\n\r\nc", "end with newline\n", "ends with spaces and newline  \n",
  "naïve café résumé Ångström façade", "Cafe\u0301 with a combining accent", "Straße groß ÄÖÜ",
  "Ελληνικά κείμενα", "Русский текст, и ещё немного", "עברית", "العربية", "हिन्दी पाठ",
  "日本語のテキストです。", "中文分词测试，标点符号！", "한국어 텍스트", "ﾃｽﾄ ｶﾀｶﾅ", "ＦＵＬＬ ｗｉｄｔｈ １２３",
  "emoji 😀🎉👍🏽 family 👨‍👩‍👧‍👦 flag 🇫🇷", "math ∑∫√∞ ≠ ≤ ≥ ± × ÷", "symbols © ® ™ € £ ¥ § ¶ † •",
  "<|endoftext|>", "Hello<|endoftext|>world", "a <|endoftext|> b", "<|endoftext|><|endoftext|>",
  " <|endoftext|>", "<|endoftext", "endoftext|>", "<|padding|> pad",
  "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nIt is 4.<|im_end|>\n",
  "<|im_start|>system\nYou are helpful.<|im_end|>", "<|im_start", "<think>\nreasoning here\n</think>\n\nanswer",
  "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>", "The assistant helps assistants and an Assistant",
  "RWKV model", "<|fim_prefix|>def f():<|fim_suffix|>\n<|fim_middle|>",
  "code:\n    def f(x):\n        return x ** 2\n", "    indented with 4 spaces", "\t\tindented with tabs",
  "if (a && b) { return c[0]; } // comment", "URL https://example.com/path?q=1&r=2#frag", "email: someone@example.org",
  "\"double\" and 'single' quotes and ``backticks''", "mixed123abc456def", "ABCdefGHI", "CamelCaseWordsHere",
  "...", "!!!???", "—– dashes … ellipsis", "non\u00a0breaking\u00a0space", "zero\u200bwidth\u200bspace",
  "ideographic\u3000space", "en\u2002em\u2003spaces", "line\u2028separator", "soft\u00adhyphen",
  "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
  "a".repeat(300), "ab ".repeat(40), " ".repeat(30) + "deep", "x" + " ".repeat(25) + "y",
  "1" + "0".repeat(60), "\u00e9".repeat(50), "😀".repeat(20),
];

// Where the JS library and Rust's tokenizers could differ, and how the texts avoid it:
// - JS's native \s adds U+FEFF and misses U+0085, unlike Oniguruma's. The library rewrites Split
//   patterns (Qwen3) to \p{White_Space} but runs the ByteLevel regex (GPT-2, NeoX) natively, so
//   these characters are only in Qwen3's texts (the Java tests check the GPT-2 case by hand).
// - Its (?i:...) folds ASCII only, Oniguruma folds Unicode ('ſ' is an 's'): no such text here.
// - Its ByteLevel decoder decodes the bytes between added tokens separately where Rust decodes
//   all bytes at once; the results only differ for added tokens made of byte-level characters
//   other than printable ASCII, which none of these files has.
const qwenOnly = ["next\u0085line", "byte\ufefforder mark", "\u0085", "a \ufeff b"];

function datasetTexts() {
  const data = join(shared, "data");
  const texts = [];
  const every = (items, step) => items.filter((_, i) => i % step === 0);
  for (const r of every(readJsonLines(join(data, "cqa/cqa_train.json")), 700)) {
    texts.push(r.question, r.choices.join(" | "));
  }
  for (const r of every(readJson(join(data, "cqa/llm_palm/train_CoT_0.json")), 200)) texts.push(r);
  for (const r of every(readJson(join(data, "cqa/llama3/cqa_test_llama3.json")), 300)) texts.push(r.input, r.gen_label);
  for (const r of every(readJsonLines(join(data, "obqa/obqa_train.json")), 600)) texts.push(r.question, ...r.choices);
  for (const r of every(readJson(join(data, "obqa/llm/test_CoT_0.json")), 100)) texts.push(r);
  for (const r of every(readJsonLines(join(data, "arc_easy/ARC-Easy-test.jsonl")), 400)) {
    texts.push(r.question, ...r.choices.text);
  }
  for (const r of every(readJsonLines(join(data, "boolq/dev.jsonl")), 800)) texts.push(r.question, r.passage);
  return texts;
}

// ---------------------------------------------------------------- fixtures

// One fixture field per line: backslash escapes for the separators and for characters a reader
// could not see (controls, line/paragraph separators, BOM); everything else verbatim.
function escape(text) {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += "\\u" + cp.toString(16).padStart(4, "0");
    } else out += ch;
  }
  return out;
}

const tiktoken = new Tiktoken(tiktokenGpt2);

function encodeFixture(name, tokenizer, texts) {
  const lines = [`# @huggingface/tokenizers ${libraryVersion()} Tokenizer.encode(text, {add_special_tokens}); text<TAB>add_special(0|1)<TAB>ids`];
  for (const text of texts) {
    for (const addSpecial of [false, true]) {
      const ids = tokenizer.encode(text, { add_special_tokens: addSpecial }).ids;
      if (name === "gpt2") crossCheckGpt2(text, ids);
      lines.push(`${escape(text)}\t${addSpecial ? 1 : 0}\t${ids.join(" ")}`);
    }
  }
  write(`${name}_encode.tsv`, lines);
}

function crossCheckGpt2(text, ids) {
  const expected = tiktoken.encode(text, "all");
  if (expected.join(" ") !== ids.join(" ")) {
    throw new Error(`GPT-2: HF JS and js-tiktoken disagree on ${JSON.stringify(text)}: ${ids} vs ${expected}`);
  }
}

// Every prefix of a few encodings, so that cut multi-byte characters show how invalid UTF-8 decodes.
function decodeFixture(name, tokenizer, texts) {
  const lines = ["# Tokenizer.decode(ids, {clean_up_tokenization_spaces: false}) of every prefix; ids<TAB>text"];
  for (const text of texts) {
    const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
    for (let k = 1; k <= ids.length; k++) {
      const prefix = ids.slice(0, k);
      const decoded = tokenizer.decode(prefix, { clean_up_tokenization_spaces: false });
      lines.push(`${prefix.join(" ")}\t${escape(decoded)}`);
    }
  }
  write(`${name}_decode.tsv`, lines);
}

function write(file, lines) {
  writeFileSync(join(outDir, file), lines.join("\n") + "\n");
  console.log(`${file}: ${lines.length - 1} lines`);
}

function libraryVersion() {
  return readJson(join(here, "node_modules/@huggingface/tokenizers/package.json")).version;
}

mkdirSync(outDir, { recursive: true });
const common = [...handWritten, ...datasetTexts()];
const decodeTexts = [
  "naïve café 😀 日本語", "emoji 👨‍👩‍👧‍👦 ok", "Ελληνικά", "<|endoftext|>é<|endoftext|>",
  "<|im_start|>user\n你好<|im_end|>", "a     b\u00a0c",
];
for (const [name, tokenizer] of Object.entries(tokenizers)) {
  encodeFixture(name, tokenizer, name === "qwen3" ? [...common, ...qwenOnly] : common);
  decodeFixture(name, tokenizer, decodeTexts);
}
