#!/usr/bin/env python3
"""Writes the seed corpus of DecoderFuzzer into Tests/Fuzz/corpus/ (and nothing else).

Each seed is one selector byte and a message value. The selector's low three bits pick the decoder
(see Sources/DecoderFuzzer/DecoderFuzzer.swift); the ASCII digits "0"-"7" pick it with the key taken from
data.inspectionId:
  0 casefile-intake   1 transcript-intake   2 consolidator/inspections   3 consolidator/casefiles.assessed
  4 consolidator/interviews.coded   5 aggregate-reporter   6 JSON parser only   7 every decoder

Seeds: the example events of config/examples (compacted), variants that reach further branches, and hostile
shapes (deep nesting, invalid UTF-8, enormous numbers, duplicate keys, 1 MiB strings, NUL bytes, lone surrogates).
Run again after changing the examples: python3 Tests/Fuzz/make-corpus.py
"""
import json
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "config" / "examples"
OUT = HERE / "corpus"
LIMIT = 1_048_576  # the 1 MiB event limit (§5 PAYLOAD_TOO_LARGE)

SELECTOR = {
    "casefile.submitted": "0", "casefile.examined": "0",
    "interview.recorded": "1",
    "inspection.opened": "2", "inspection.fieldwork-closed": "2",
    "inspection.judgement-decided": "2", "inspection.report-published": "2",
    "casefile.assessed": "3", "interview.coded": "4",
    "judgement.updated": "5", "aggregate.updated": "6",
}

seeds = {}


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def seed(name: str, selector: str, value) -> None:
    body = value if isinstance(value, bytes) else compact(value)
    seeds[name] = selector.encode("latin-1") + body


def load(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def with_data(event: dict, **changes) -> dict:
    out = json.loads(json.dumps(event))
    out["data"].update(changes)
    return out


# --- The examples, each for its own decoder and for every decoder.
examples = {}
for path in sorted(EXAMPLES.glob("*.json")):
    event = json.loads(path.read_text(encoding="utf-8"))
    examples[event["type"]] = event
    seed(f"example-{path.stem}", SELECTOR[event["type"]], event)
    seed(f"every-{path.stem}", "7", event)

submitted = examples["casefile.submitted"]
examined = examples["casefile.examined"]
recorded = examples["interview.recorded"]
opened = examples["inspection.opened"]
judgement = examples["judgement.updated"]

# --- Variants that reach other branches.
seed("key-missing-casefile", "@", submitted)            # 0x40 → decoder 0, no key
seed("key-empty-casefile", "\x80", submitted)            # 0x80 → decoder 0, empty key
seed("key-wrong-interview", "\xc1", recorded)            # 0xC1 → decoder 1, wrong key
staff = with_data(recorded, kind="OFFENDER_SUPERVISOR", caseFileId=None, participants=[
    {"role": "OFFENDER_SUPERVISOR", "name": "Mary-Jane O'Neill"}, {"role": "MANAGER", "name": "Zoë Łukasiewicz"}],
    responses=[], segments=[
        {"speaker": "STAFF", "text": "My caseload is too big, Mary-Jane says there is no training and no time to see A1234BC or X123456."},
        {"speaker": "STAFF", "text": "Supervision is rare; Łukasiewicz uses two systems for the case record, 12/394773H is wrong."},
        {"speaker": "STAFF", "text": "“Guidance” is overstretched — O’Neill"},
        {"speaker": "INSPECTOR", "text": "Thank you."}])
seed("staff-interview", "1", staff)
seed("prisoner-transcript-only", "1", with_data(recorded, responses=[], segments=[
    {"speaker": "PRISONER", "text": "I don't know my sentence plan but I know my targets. I was involved. Never see my offender supervisor."}]))
seed("judgement-in-progress", "5", {**judgement, "data": {**judgement["data"], "status": "IN_PROGRESS", "publishedOn": None}})
seed("examined-unknown-criterion", "0", with_data(examined, answers=[{"criterionId": "EN1", "answer": "YES"}]))
seed("opened-second-framework", "2", with_data(opened, framework="omi-v2"))
seed("submitted-numbers-as-floats", "0", with_data(submitted, sentence={**submitted["data"]["sentence"], "lengthMonths": 3.6e1}))

# --- Hostile shapes.
DEPTH = 100_000
seed("hostile-deep-array-100k", "6", b"[" * DEPTH + b"]" * DEPTH)
seed("hostile-deep-array-100k-in-data", "0",
     compact(with_data(submitted, extra=None)).replace(b'"extra":null', b'"extra":' + b"[" * DEPTH + b"]" * DEPTH))
seed("hostile-deep-object-100k-in-data", "2",
     compact(with_data(opened, extra=None)).replace(b'"extra":null', b'"extra":' + b'{"a":' * DEPTH + b"1" + b"}" * DEPTH))
nest = 120  # deep, but within the parser's limit of 128: the decoders see it
deep = 1
for _ in range(nest):
    deep = {"a": deep, "b": [deep]} if _ < 3 else {"a": deep}
seed("hostile-deep-object-120-in-data", "2", with_data(opened, extra=deep, establishment={**opened["data"]["establishment"], "extra": deep}))
seed("hostile-deep-mixed-129", "6", b'{"a":[' * 65 + b"0" + b"]}" * 65)

invalid_utf8 = [b"\xc0\x80", b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"\xe2\x82", b"\xff", b"\x80", b"\xf4\x90\x80\x80", b"\xe0\x80\x80"]
for i, bad in enumerate(invalid_utf8):
    seed(f"hostile-invalid-utf8-{i}-in-name", "1", compact(staff).replace(b"Mary-Jane", b"Mary" + bad + b"Jane"))
seed("hostile-invalid-utf8-outside-string", "6", b'{"a":1,' + b"\xc3\xa9" + b'":2}')
seed("hostile-invalid-utf8-in-key", "2", compact(opened).replace(b'"framework"', b'"frame\xedwork"'))

for i, number in enumerate([b"1e999999", b"-1e999999", b"1" + b"0" * 399, b"-" + b"9" * 400, b"0." + b"0" * 400 + b"1",
                            b"1E+99999999999999999999", b"36.000000000000000000001", b"-0", b"0e-999999", b"1e-999999"]):
    seed(f"hostile-number-{i}-lengthMonths", "0",
         compact(with_data(submitted, sentence={**submitted["data"]["sentence"], "lengthMonths": 0})).replace(b'"lengthMonths":0', b'"lengthMonths":' + number))
    seed(f"hostile-number-{i}-version", "5", compact(judgement).replace(b'"version":', b'"version":' + number + b',"v0":', 1))
seed("hostile-number-400-digits", "6", b"[" + b"7" * 400 + b",1e999999,-1e-999999]")

seed("hostile-duplicate-keys-envelope", "0", compact(submitted)[:-1] + b',"type":"casefile.submitted","data":' + compact(submitted["data"]) + b',"type":"inspection.opened"}')
# Last wins: the first framework is wrong, the last right; inspectionId twice, equal.
seed("hostile-duplicate-keys-data", "2", compact(opened).replace(b'"framework":"omi-v1"', b'"framework":"omi-v9","framework":"omi-v1"')
     .replace(b'"inspectionId":"INS-2026-MDI-01"', b'"inspectionId":"INS-2026-MDI-01","inspectionId":"INS-2026-MDI-01"', 1))
seed("hostile-duplicate-keys-escaped", "2", compact(opened).replace(b'"framework":"omi-v1"', b'"framework":"omi-v1","fr\\u0061mework":"omi-v9"'))
seed("hostile-duplicate-keys-many", "6", b"{" + b",".join(b'"k":%d' % i for i in range(5000)) + b"}")

# 1 MiB strings: a value of exactly the limit, one byte over, and a bare 1 MiB JSON string.
def pad_to(event: dict, field: str, total: int, selector: str, name: str, where=None) -> None:
    marker = "\u0001PAD\u0001"
    event = json.loads(json.dumps(event))
    (where(event) if where else event["data"])[field] = marker
    body = compact(event)
    body = body.replace(b"\\u0001PAD\\u0001", b"x" * (total - (len(body) - len(b"\\u0001PAD\\u0001"))))
    assert len(body) == total, (name, len(body))
    seeds[name] = selector.encode("latin-1") + body

def segment0(e):
    return e["data"]["segments"][0]

pad_to(staff, "text", LIMIT, "1", "hostile-1mib-staff-segment", where=segment0)
pad_to(staff, "text", LIMIT + 1, "1", "hostile-1mib-plus-one", where=segment0)
pad_to(submitted, "source", LIMIT, "0", "hostile-1mib-source", where=lambda e: e)
seed("hostile-1mib-json-string", "6", b'"' + "é".encode() * (LIMIT // 2 - 1) + b'"')
seed("hostile-1mib-escapes", "6", b'"' + b"\\u00e9" * (LIMIT // 6 - 1) + b'"')

seed("hostile-nul-escaped", "1", compact(staff).replace(b"Thank you.", b"Thank\\u0000you.").replace(b"Mary-Jane", b"Mary\\u0000Jane"))
seed("hostile-nul-raw-in-string", "1", compact(staff).replace(b"Thank you.", b"Thank\x00you."))
seed("hostile-nul-raw-outside", "6", b'{"a":1}\x00')
seed("hostile-nul-in-id", "2", compact(opened).replace(b'"INS-2026-MDI-01"', b'"INS-2026\\u0000MDI-01"'))

for i, text in enumerate([b"\\ud800", b"\\udc00", b"\\ud800\\u0041", b"\\ud800\\ud800", b"\\ud83d\\ude00", b"\\uDBFF\\uDFFF", b"\\ud800\\"]):
    seed(f"hostile-surrogate-{i}", "1", compact(staff).replace(b"Thank you.", b"Thank " + text + b" you."))

seed("hostile-empty", "0", b"")
seed("hostile-whitespace", "6", b" \t\r\n ")
seed("hostile-not-object", "2", b'["specversion","1.0"]')
seed("hostile-many-answers", "0", with_data(examined, answers=[{"criterionId": f"{area}{1 + i % 3}", "answer": ("YES", "NO", "NOT_APPLICABLE")[i % 3]}
                                                   for i, area in zip(range(5000), ["AP", "IM", "PP", "RR", "AP"] * 1000)]))
seed("hostile-many-segments", "1", with_data(staff, segments=[{"speaker": "STAFF", "text": "caseload guidance supervision"}] * 5000))

# --- Write them.
if OUT.exists():
    shutil.rmtree(OUT)
OUT.mkdir(parents=True)
for name, data in sorted(seeds.items()):
    (OUT / name).write_bytes(data)
print(f"{len(seeds)} seeds, {sum(map(len, seeds.values()))} bytes in {OUT.relative_to(ROOT)}")

# --- The dictionary: JSON tokens, every field name and enumeration value of the schemas and examples,
# criterion and question ids, codebook phrases, and date/time shapes.
def walk(node, names, strings):
    if isinstance(node, dict):
        for key, value in node.items():
            names.add(key)
            if key == "properties" and isinstance(value, dict):
                names.update(value.keys())
            walk(value, names, strings)
    elif isinstance(node, list):
        for item in node:
            walk(item, names, strings)
    elif isinstance(node, str) and len(node) <= 40:
        strings.add(node)

names, strings = set(), set()
schema_names, schema_strings = set(), set()
for path in sorted((ROOT / "config" / "schemas").glob("*.json")):
    schema = json.loads(path.read_text(encoding="utf-8"))
    walk(schema, schema_names, set())
    for enum in json.dumps(schema).split('"enum": ')[1:]:
        schema_strings.update(json.loads(enum[: enum.index("]") + 1]))
    for const in json.dumps(schema).split('"const": ')[1:]:
        value = json.JSONDecoder().raw_decode(const)[0]
        if isinstance(value, str):
            schema_strings.add(value)
for event in examples.values():
    walk(event, names, strings)
codebook = json.loads((ROOT / "config" / "codebook.json").read_text(encoding="utf-8"))
for question in codebook["questions"]:
    strings.update([question["id"], *question["positive"], *question["negative"]])
for theme in codebook["themes"]:
    strings.update([theme["theme"], *theme["phrases"]])
catalogue = json.loads((ROOT / "config" / "omi-v1.json").read_text(encoding="utf-8"))
walk(catalogue, set(), strings)

schema_keywords = {"$schema", "$id", "$ref", "$defs", "title", "description", "type", "required", "properties", "items",
                   "enum", "const", "pattern", "format", "minLength", "maxLength", "minimum", "maximum", "additionalProperties",
                   "anyOf", "oneOf", "allOf", "minItems", "maxItems", "uniqueItems", "exclusiveMinimum", "multipleOf", "if", "then", "else", "not"}
field_names = (names | schema_names) - (schema_keywords - {"type", "description", "title"})
tokens = ["{", "}", "[", "]", ":", ",", '"', "\\", "true", "false", "null", "-", "0", ".", "e", "E", "+", "e-", "E+",
          "1e999999", "-0", "0.0", "1.0", "36.0", "3.6e1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
          "1000000000", "1000000001", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\\"", "\\/", "\\b", "\\f", "\\n",
          "\\r", "\\t", "\\u2028", "\u2019", "\u201c", "\u00e9", b"\xed\xa0\x80", b"\xc0\x80", b"\xf4\x90\x80\x80",
          "T", "t", "Z", "z", "+01:00", "-00:00", ":60", ".123456789", "2026-02-29", "2024-02-29", "2026-13-01", "0000-01-01",
          "9999-12-31", "2026-03-01T08:00:00Z", "2026-03-01t08:00:00z", "2026-03-01T08:00:60Z", "[REDACTED]", "INS-2026-MDI-01",
          "CF-0001", "IV-0001", "A1234BC", "X123456", "12/394773H", "2012/394773H", "MDI", "omi-v1", "1.0", "urn:"]

def escape(text) -> str:
    out = []
    for byte in text if isinstance(text, bytes) else text.encode("utf-8"):
        if byte in (0x22, 0x5C):
            out.append("\\" + chr(byte))
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append("\\x%02X" % byte)
    return "".join(out)

lines = ["# libFuzzer dictionary for DecoderFuzzer (written by make-corpus.py): JSON tokens, field names as JSON keys,",
         "# enumeration values, identifiers and codebook phrases."]
entries = []
entries += [f'"{escape(t)}"' for t in tokens]
entries += [f'"{escape(json.dumps(name, ensure_ascii=False) + ":")}"' for name in sorted(field_names)]
entries += [f'"{escape(json.dumps(value, ensure_ascii=False))}"' for value in sorted(v for v in strings | schema_strings if isinstance(v, str))
            if True and 0 < len(value.encode("utf-8")) <= 60]
seen = set()
for entry in entries:
    if entry not in seen:
        seen.add(entry)
        lines.append(entry)
(HERE / "decoder.dict").write_text("\n".join(lines) + "\n", encoding="ascii")
print(f"{len(seen)} dictionary entries in {(HERE / 'decoder.dict').relative_to(ROOT)}")
