"""Avro single-object encoding for paywatch's contract, with Debian's python3-avro 1.11.

python3-avro encodes the binary body correctly, but its Parsing Canonical Form keeps logical types as
{"type":"long"} where the Avro specification wants "long", so every fingerprint it computes for a schema
with a date or a timestamp is wrong and the record is rejected. The canonical form and the CRC-64-AVRO
fingerprint are therefore computed here, from the specification; python3-avro does only the binary.
"""

import io
import json
import os

import avro.io
import avro.schema

MARKER = b"\xc3\x01"
PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
# [ORDER] of the specification: the only attributes kept, in this order.
KEPT = ("name", "type", "fields", "symbols", "items", "values", "size")


def canonical_form(schema_json):
    """The Parsing Canonical Form of a schema given as parsed JSON (dict, list or str)."""
    return _canonical(schema_json, None, set())


def _full_name(name, namespace):
    if "." in name or not namespace:
        return name
    return namespace + "." + name


def _canonical(s, namespace, defined):
    if isinstance(s, str):
        # [PRIMITIVES] stay as they are, [FULLNAMES] for references to named types
        return json.dumps(s if s in PRIMITIVES else _full_name(s, namespace))
    if isinstance(s, list):
        return "[" + ",".join(_canonical(branch, namespace, defined) for branch in s) + "]"
    kind = s["type"]
    if kind not in ("record", "error", "enum", "fixed", "array", "map"):
        # {"type":"long","logicalType":"timestamp-millis"} is "long": [STRIP] drops logicalType
        return _canonical(kind, namespace, defined)
    parts = []
    if kind in ("record", "error", "enum", "fixed"):
        name = _full_name(s["name"], s.get("namespace", namespace))
        if name in defined:
            return json.dumps(name)
        defined.add(name)
        namespace = name.rpartition(".")[0] or None
        parts.append('"name":' + json.dumps(name))
    parts.append('"type":' + json.dumps("record" if kind == "error" else kind))
    if kind in ("record", "error"):
        fields = ['{"name":' + json.dumps(f["name"]) + ',"type":' + _canonical(f["type"], namespace, defined) + "}"
                  for f in s["fields"]]
        parts.append('"fields":[' + ",".join(fields) + "]")
    elif kind == "enum":
        parts.append('"symbols":[' + ",".join(json.dumps(x) for x in s["symbols"]) + "]")
    elif kind == "array":
        parts.append('"items":' + _canonical(s["items"], namespace, defined))
    elif kind == "map":
        parts.append('"values":' + _canonical(s["values"], namespace, defined))
    else:
        parts.append('"size":' + str(int(s["size"])))
    return "{" + ",".join(parts) + "}"


_EMPTY = 0xC15D213AA4D7A795


def _table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (_EMPTY & -(fp & 1))
        table.append(fp & 0xFFFFFFFFFFFFFFFF)
    return table


_TABLE = _table()


def crc64_avro(data):
    """The 64-bit Rabin fingerprint of the Avro specification (CRC-64-AVRO)."""
    fp = _EMPTY
    for b in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ b) & 0xFF]
    return fp


class Contract:
    """One record type of the contract: its schema, fingerprint and 10-byte header."""

    def __init__(self, path, schema_json=None):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        parsed = json.loads(text)
        self.name = parsed["name"]
        self.canonical = canonical_form(parsed)
        self.fingerprint = crc64_avro(self.canonical.encode("utf-8"))
        # the header holds the fingerprint least significant byte first
        self.header = MARKER + self.fingerprint.to_bytes(8, "little")
        # what is written may differ from the contract (to show a rejection); the header stays the contract's
        self.schema = avro.schema.parse(schema_json if schema_json is not None else text)

    def encode(self, record):
        out = io.BytesIO()
        out.write(self.header)
        avro.io.DatumWriter(self.schema).write(record, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, payload):
        if payload[:10] != self.header:
            raise ValueError("not a %s of this schema: header %s, expected %s"
                             % (self.name, payload[:10].hex(" ").upper(), self.header.hex(" ").upper()))
        return avro.io.DatumReader(self.schema).read(avro.io.BinaryDecoder(io.BytesIO(payload[10:])))


def load(schemas_dir, name):
    return Contract(os.path.join(schemas_dir, name + ".avsc"))
