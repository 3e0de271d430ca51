#!/usr/bin/python3
"""Jinja2 oracle for mtalint's template tests, run with Debian's python3-jinja2 (/usr/bin/python3).

  jinja_oracle.py lex TRIM LSTRIP ANSIBLE < template
      The tags Jinja's own lexer (Lexer.tokeniter) finds, as JSON: [{kind, start, end, before, after}] with char
      offsets into the template, 'before'/'after' the whitespace spans it drops next to the tag. With ANSIBLE=1 the
      '#jinja2:' first line is read and cut off first, as Ansible's template module does. A template Jinja refuses
      (lexer or parser) gives {"error": message, "lineno": n}.
  jinja_oracle.py render < job.json
      Applies the job's edits to the template (conditions and loop sources replaced by __flip(k) and __loop(k, n),
      marker text inserted), renders it under each flip set with a lenient Undefined, and prints, per set, how often
      each marker appears in the output.
"""
import ast
import json
import re
import sys

import jinja2
from jinja2 import lexer as jlex

NEWLINE = re.compile(r"\r\n|\r|\n")


def normalized(text):
    """Jinja's newline normalisation (tokeniter), with the original offset of every normalised char."""
    out, where, pos = [], [], 0
    for m in NEWLINE.finditer(text):
        out.append(text[pos:m.start()])
        where.extend(range(pos, m.start()))
        out.append("\n")
        where.append(m.start())
        pos = m.end()
    out.append(text[pos:])
    where.extend(range(pos, len(text)))
    where.append(len(text))
    return "".join(out), where


def ansible_header(text):
    """Ansible's override line: (offset where the template starts, overrides)."""
    if not text.startswith("#jinja2:"):
        return 0, {}
    eol = text.find("\n")
    overrides = {}
    for pair in text[len("#jinja2:"):eol].split(","):
        key, val = pair.split(":", 1)
        overrides[key.strip()] = ast.literal_eval(val.strip())
    return eol + 1, overrides


BEGIN = {"variable_begin": "Expression", "block_begin": "Statement", "comment_begin": "Comment"}
END = {"variable_end", "block_end", "comment_end"}


def lex(text, trim, lstrip, ansible):
    start, overrides = ansible_header(text) if ansible else (0, {})
    # Salt and Ansible load the 'do' and 'loopcontrols' extensions: their tags parse (the lexer is the same either way).
    env = jinja2.Environment(trim_blocks=overrides.get("trim_blocks", trim),
                             lstrip_blocks=overrides.get("lstrip_blocks", lstrip), keep_trailing_newline=True,
                             extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    body = text[start:]
    source, where = normalized(body)
    tags, cursor, gap = [], 0, None
    try:
        for _, kind, value in env.lexer.tokeniter(source, None):
            at = source.find(value, cursor)
            if at < 0 or source[cursor:at].strip():
                raise SystemExit(f"oracle: cannot place token {kind} {value!r} at {cursor}")
            gap = (cursor, at) if at > cursor else None
            tag_end = at + len(value.rstrip())
            if kind in BEGIN or kind in ("raw_begin", "raw_end"):
                tags.append({"kind": BEGIN.get(kind, "Statement"), "start": at, "end": tag_end if kind.startswith("raw") else None,
                             "before": list(gap) if gap else [at, at], "after": [tag_end, at + len(value)] if kind.startswith("raw") else None})
            elif kind in END:
                tags[-1]["end"] = tag_end
                tags[-1]["after"] = [tag_end, at + len(value)]
            cursor = at + len(value)
        env.parse(body)
    except jinja2.TemplateSyntaxError as e:
        return {"error": e.message, "lineno": e.lineno + body.count("\n", 0, 0) + text[:start].count("\n")}
    m = lambda i: where[i] + start
    for t in tags:
        t["start"], t["end"] = m(t["start"]), m(t["end"])
        t["before"] = [m(t["before"][0]), m(t["before"][1])]
        t["after"] = [m(t["after"][0]), m(t["after"][1])]
    return {"tags": tags, "options": {"trim_blocks": env.trim_blocks, "lstrip_blocks": env.lstrip_blocks}}


class Lenient(jinja2.ChainableUndefined):
    """Undefined that survives what templates do with variables: calls, arithmetic, comparisons, int()."""
    __slots__ = ()

    def _same(self, *args, **kwargs):
        return self

    __call__ = __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = _same
    __neg__ = __pos__ = _same

    def _false(self, *args):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false

    def __int__(self):
        return 0

    def __format__(self, spec):
        return ""

    def __float__(self):
        return 0.0


class AnyName(dict):
    """Filters and tests by any name: Jinja's own, and for the rest (Ansible's, Salt's) a lenient stand-in."""

    def __init__(self, real, fallback):
        super().__init__(real)
        self.fallback = fallback

    def get(self, key, default=None):
        return super().get(key, self.fallback)

    def __getitem__(self, key):
        return super().get(key, self.fallback)

    def __contains__(self, key):
        return True


def render(job):
    text = job["template"]
    start, overrides = ansible_header(text) if job.get("ansible") else (0, {})
    edits = sorted(job["edits"], key=lambda e: (e["start"], e["end"]), reverse=True)
    for e in edits:
        text = text[:e["start"]] + e["text"] + text[e["end"]:]
    env = jinja2.Environment(trim_blocks=overrides.get("trim_blocks", job["trim"]),
                             lstrip_blocks=overrides.get("lstrip_blocks", job["lstrip"]),
                             keep_trailing_newline=True, undefined=Lenient,
                             loader=jinja2.FunctionLoader(lambda name: ""),
                             extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    env.filters = AnyName(env.filters, lambda value, *a, **k: Lenient(name="filtered"))
    env.tests = AnyName(env.tests, lambda *a, **k: False)
    template = env.from_string(text[start:])
    markers = re.compile("\x02([A-Z][0-9]+)\x03")
    results = []
    for flips in job["sets"]:
        def flip(k):
            return flips[k]

        def loop(k, arity):
            item = tuple(Lenient(name=f"item{i}") for i in range(arity)) if arity > 1 else Lenient(name="item")
            return [item, item] if flips[k] else []

        out = template.render(__flip=flip, __loop=loop)
        counts = {}
        for m in markers.finditer(out):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        results.append(counts)
    return {"renderings": results}


def main():
    data = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    if sys.argv[1] == "lex":
        result = lex(data, sys.argv[2] == "1", sys.argv[3] == "1", sys.argv[4] == "1")
    else:
        result = render(json.loads(data))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
