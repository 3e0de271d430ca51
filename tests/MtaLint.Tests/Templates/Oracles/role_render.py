#!/usr/bin/python3
"""Renders an Ansible role's template with the real Jinja2 under its defaults file as PyYAML reads it, for mtalint's
TemplateDefaultsFixTests: the rendering a role default's fix must change in the one setting its finding names.

  role_render.py < job.json
      job: {"template": path, "defaults": path}
      The defaults file is loaded with PyYAML's SafeLoader (Ansible's loader is built on it); the template is rendered
      as Ansible's template module does (trim_blocks, trailing newline kept, None as nothing). A variable the
      defaults do not define is undefined ('is defined' is false). Prints {"text": rendering}.
"""
import json
import sys

import jinja2
import yaml


def main():
    job = json.loads(sys.stdin.read())
    with open(job["defaults"], encoding="utf-8") as f:
        variables = yaml.safe_load(f) or {}
    with open(job["template"], encoding="utf-8") as f:
        source = f.read()
    env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True, finalize=lambda x: '' if x is None else x)
    print(json.dumps({"text": env.from_string(source).render(**variables)}))


if __name__ == "__main__":
    main()
