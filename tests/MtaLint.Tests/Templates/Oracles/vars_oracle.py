#!/usr/bin/python3
"""Renders single expressions with the real Jinja2 under an Ansible role's variables, for mtalint's TemplateVariablesTests.

  vars_oracle.py < job.json
      job: {"files": [yaml paths, lowest precedence first], "ansible": bool, "cases": [expression code, ...]}
      Each file is loaded with PyYAML's SafeLoader (YAML 1.1, as Ansible's loader is built on it) and the mappings are
      combined, a later file winning per name (vars/main.yml over defaults/main.yml). Each case is rendered as
      '{{ code }}' with StrictUndefined (Ansible's undefined raises) and, for Ansible, its finalize (None renders as
      nothing) and its 'bool' and 'ternary' filters as ansible-core (<= 2.18) defines them.
      Prints {"results": [{"text": ...} | {"error": ...}]}. With "conditions": [code, ...] each is rendered as
      '{% if code %}T{% else %}F{% endif %}' into "truths" the same way.
  vars_oracle.py keys < job.json
      {"variables": {name: repr(value)}} of the combined files: what PyYAML reads, in Python's repr.
"""
import json
import sys

import jinja2
import yaml


def to_bool(a):
    # ansible.plugins.filter.core.to_bool (ansible-core 2.18)
    if a is None or isinstance(a, bool):
        return a
    if isinstance(a, str):
        a = a.lower()
    if a in ('yes', 'on', '1', 'true', 1):
        return True
    return False


def ternary(value, true_val, false_val, none_val=None):
    # ansible.plugins.filter.core.ternary
    if value is None and none_val is not None:
        return none_val
    elif bool(value):
        return true_val
    else:
        return false_val


def load(files):
    variables = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        if data:
            variables.update(data)
    return variables


def render_all(env, template, cases, variables):
    results = []
    for code in cases:
        try:
            results.append({"text": env.from_string(template.replace("CODE", code)).render(**variables)})
        except Exception as e:  # the oracle reports what the engine refuses; the test decides
            results.append({"error": f"{type(e).__name__}: {e}"})
    return results


def main():
    job = json.loads(sys.stdin.read())
    variables = load(job["files"])
    if len(sys.argv) > 1 and sys.argv[1] == "keys":
        print(json.dumps({"variables": {str(k): repr(v) for k, v in variables.items()}}))
        return
    kwargs = {}
    if job["ansible"]:
        kwargs["finalize"] = lambda x: '' if x is None else x
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, **kwargs)
    if job["ansible"]:
        env.filters["bool"] = to_bool
        env.filters["ternary"] = ternary
    results = render_all(env, "{{ CODE }}", job["cases"], variables)
    truths = render_all(env, "{% if CODE %}T{% else %}F{% endif %}", job.get("conditions", []), variables)
    print(json.dumps({"results": results, "truths": truths}))


if __name__ == "__main__":
    main()
