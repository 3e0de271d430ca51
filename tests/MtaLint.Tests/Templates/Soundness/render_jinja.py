#!/usr/bin/python3
"""Renders Jinja2 templates as Ansible and Salt run them, for mtalint's soundness tests (Debian's python3-jinja2).

  render_jinja.py < batch.json

batch: {"jobs": [{"path", "text", "flavour": "ansible"|"salt", "trim", "lstrip", "search": [dirs], "defaults": [yaml
paths], "sets": [{"text": edited template, "marked": the same with line markers, "vars": {name: value},
"undefined": [names]}]}]}. Prints {"jobs": [{"defaults": {...}, "renderings": [{"text", "marked"} | {"error"}]}]}.

One process renders the whole batch. The environment is the one the tool builds: Ansible's (trim_blocks on, the
'#jinja2:' header line read, StrictUndefined-like undefined, None rendered as '', Ansible's core filters and tests
written below as ansible/plugins/filter/core.py defines them) or Salt's (no trim, StrictUndefined, 'do' extension,
salt['pillar.get'] answering its default, grains). A variable the template reads that neither the defaults nor the
variable set define gets a plausible, recognisable value: the text '<name>.example' (dashes for underscores); one
the set lists as undefined stays undefined, so the engine refuses what reads it without a default.
"""
import ast
import json
import os
import re
import sys

import jinja2
import jinja2.meta
import yaml


class Plausible(str):
    """An unknown variable's value: reads as a host-name-like text naming the variable; iterates as empty."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Plausible(f"{self}-{name}")

    def __getitem__(self, key):
        if isinstance(key, (int, slice)):
            return str.__getitem__(self, key)
        return Plausible(f"{self}-{key}")

    def __call__(self, *args, **kwargs):
        return self

    def __iter__(self):
        return iter(())


NUMERIC = re.compile(r"(maxproc|limit|port|count|size|timeout|_max|_min|number)$")

# The project's Postfix parameter tables (postconf -d of Postfix 3.7, and each parameter's type from its daemons):
# a variable named after a Postfix setting gets a value of that setting's type, so postconf accepts the rendering.
POSTFIX_TABLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "src", "MtaLint", "Model", "Postfix")

# Settings whose postconf -d value is host-dependent or says nothing a rendering can use.
HOST_VALUES = {
    "myhostname": "mx.example.com", "mydomain": "example.com", "myorigin": "example.com", "relayhost": "[relay.example.com]:587",
    "mynetworks": "127.0.0.0/8 [::1]/128", "compatibility_level": "3.6", "inet_interfaces": "all", "inet_protocols": "all",
}


def postfix_tables():
    defaults, kinds = {}, {}
    try:
        with open(os.path.join(POSTFIX_TABLES, "postfix-defaults.txt"), encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and "=" in line:
                    key, _, value = line.rstrip("\n").partition("=")
                    defaults[key.strip()] = value.strip()
        with open(os.path.join(POSTFIX_TABLES, "postfix-typed-params.txt"), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and not line.startswith("#"):
                    kinds[parts[1]] = parts[0]
    except OSError:
        pass
    return defaults, kinds


POSTFIX_DEFAULTS, POSTFIX_KINDS = postfix_tables()


def setting_value(name):
    """A value of the Postfix setting a variable is named after (postfix_smtpd_tls_security_level, main_relayhost,
    message_size_limit): the longest setting name the variable name ends with; None when it names none."""
    parts = name.lower().split("_")
    param = next((p for p in ("_".join(parts[i:]) for i in range(len(parts))) if p in POSTFIX_DEFAULTS), None)
    if param is None:
        return None
    default, kind = POSTFIX_DEFAULTS[param], POSTFIX_KINDS.get(param)
    if param in HOST_VALUES:
        return HOST_VALUES[param]
    if kind == "bool":
        return "yes"
    if kind in ("int", "long"):
        return int(default) if default.isdigit() else 10
    if kind == "time":
        return default if re.fullmatch(r"[0-9]+[smhdw]?", default) else "10s"
    if param.endswith("security_level"):
        return "may"
    if param.endswith(("_file", "_path")) and not default:
        return "/etc/postfix/" + param
    if param.endswith(("_maps", "_database")) and not default:
        return "hash:/etc/postfix/" + param
    return default or None


def plausible(name):
    """A value of the Postfix setting the name says (see setting_value); else 10 for a name that says it is a number
    (a port, a limit, a process count); else '<name>.example'."""
    value = setting_value(name)
    if isinstance(value, int):
        return value
    if value is not None:
        return Plausible(value)
    if NUMERIC.search(name):
        return 10
    return Plausible(name.replace("_", "-") + ".example")


# --- Ansible's core filters and tests (ansible/plugins/filter/core.py, plugins/test/core.py), as they behave ---

def to_bool(a):
    if isinstance(a, bool):
        return a
    if a is None:
        return False
    if isinstance(a, str):
        a = a.lower()
    return a in ("yes", "on", "1", "true", 1)


def ternary(value, true_val, false_val, none_val=None):
    if value is None and none_val is not None:
        return none_val
    return true_val if bool(value) else false_val


def regex_replace(value="", pattern="", replacement="", ignorecase=False, multiline=False, count=0):
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    return re.compile(pattern, flags=flags).sub(replacement, str(value), count=count)


def regex_search(value, regex, *args, ignorecase=False, multiline=False):
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    m = re.search(regex, str(value), flags)
    return m.group(0) if m else None


def comment(text, style="plain", **kw):
    """Ansible's comment filter, 'plain' style: '#', each line prefixed '# ', '#'."""
    styles = {"plain": {"decoration": "# "}, "erlang": {"decoration": "% "}, "c": {"decoration": "// "},
              "cblock": {"beginning": "/*", "decoration": " * ", "end": " */"}, "xml": {"beginning": "<!--", "decoration": " - ", "end": "-->"}}
    p = {"newline": "\n", "beginning": "", "prefix": "", "prefix_count": 1, "decoration": "", "postfix": "", "postfix_count": 1, "end": ""}
    p.update(styles[style])
    p.update(kw)
    if style == "plain" and "prefix" not in kw:
        p["prefix"] = "#"
        p["postfix"] = "#"
    prefix = "".join((p["prefix"] + p["newline"]) for _ in range(p["prefix_count"])) if p["prefix"] else ""
    postfix = "".join((p["newline"] + p["postfix"]) for _ in range(p["postfix_count"])) if p["postfix"] else ""
    body = p["newline"].join(p["decoration"] + line if line else p["decoration"].rstrip() for line in str(text).split(p["newline"]))
    beginning = p["beginning"] + p["newline"] if p["beginning"] else ""
    end = p["newline"] + p["end"] if p["end"] else ""
    return beginning + prefix + body + postfix + end


def mandatory(a, msg=None):
    if isinstance(a, jinja2.Undefined):
        raise jinja2.UndefinedError(msg or "Mandatory variable not defined.")
    return a


def to_yaml(a, **kw):
    return yaml.safe_dump(a, default_flow_style=None, allow_unicode=True, **kw)


def to_nice_yaml(a, indent=4, **kw):
    return yaml.safe_dump(a, indent=indent, default_flow_style=False, allow_unicode=True, **kw)


def combine(*terms, recursive=False, **kw):
    out = {}
    for t in terms:
        out.update(t)
    return out


def flatten(xs, levels=None):
    out = []
    for x in xs:
        if isinstance(x, (list, tuple)):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out


ANSIBLE_FILTERS = {
    "bool": to_bool, "ternary": ternary, "regex_replace": regex_replace, "regex_search": regex_search,
    "comment": comment, "mandatory": mandatory, "to_yaml": to_yaml, "to_nice_yaml": to_nice_yaml,
    "to_json": json.dumps, "to_nice_json": lambda a, indent=4, **kw: json.dumps(a, indent=indent, sort_keys=True),
    "from_json": json.loads, "from_yaml": yaml.safe_load, "combine": combine, "flatten": flatten,
    "quote": lambda s: "'" + str(s).replace("'", "'\"'\"'") + "'", "basename": lambda p: str(p).rsplit("/", 1)[-1],
    "dirname": lambda p: str(p).rsplit("/", 1)[0], "regex_escape": re.escape, "split": lambda s, sep=None: str(s).split(sep),
    "dict2items": lambda d, key_name="key", value_name="value": [{key_name: k, value_name: v} for k, v in d.items()],
    "items2dict": lambda xs, key_name="key", value_name="value": {x[key_name]: x[value_name] for x in xs},
    "type_debug": lambda o: type(o).__name__,
}

ANSIBLE_TESTS = {
    "string": lambda v: isinstance(v, str), "match": lambda v, p, ignorecase=False: re.match(p, str(v), re.I if ignorecase else 0) is not None,
    "search": lambda v, p, ignorecase=False: re.search(p, str(v), re.I if ignorecase else 0) is not None,
    "regex": lambda v, p, **kw: re.search(p, str(v)) is not None, "truthy": lambda v: bool(v), "falsy": lambda v: not v,
}

# Facts and magic variables every Ansible run has; the rest of what a template reads gets a plausible value.
ANSIBLE_MAGIC = {
    "ansible_managed": "Ansible managed", "inventory_hostname": "mx.example.com", "inventory_hostname_short": "mx",
    "ansible_fqdn": "mx.example.com", "ansible_hostname": "mx", "ansible_domain": "example.com", "ansible_nodename": "mx.example.com",
    "ansible_default_ipv4": {"address": "192.0.2.10", "interface": "eth0"}, "ansible_default_ipv6": {},
    "ansible_distribution": "Debian", "ansible_os_family": "Debian", "ansible_distribution_release": "trixie",
    "ansible_distribution_major_version": "13", "group_names": [], "groups": {"all": ["mx.example.com"]}, "hostvars": {},
    "ansible_facts": {"fqdn": "mx.example.com", "hostname": "mx", "domain": "example.com"},
}


class SaltFunctions(dict):
    """salt['module.function']: pillar.get answers its default; grains.filter_by the entry for Debian."""

    def __missing__(self, key):
        if key in ("pillar.get", "config.get", "grains.get"):
            return lambda name, default=None, *a, **k: Plausible(plausible(name.replace(":", "_"))) if default is None else default
        if key == "grains.filter_by":
            def filter_by(lookup, grain="os_family", merge=None, default="default", base=None):
                out = dict(lookup.get("Debian", lookup.get(default, {})))
                if isinstance(merge, dict):
                    out.update(merge)
                return out
            return filter_by
        return lambda *a, **k: Plausible(key.replace(".", "-") + ".example")


def ansible_header(text):
    if not text.startswith("#jinja2:"):
        return text, {}
    eol = text.find("\n")
    overrides = {}
    for pair in text[len("#jinja2:"):eol].split(","):
        key, val = pair.split(":", 1)
        overrides[key.strip()] = ast.literal_eval(val.strip())
    return text[eol + 1:], overrides


def environment(job, overrides):
    ansible = job["flavour"] == "ansible"
    env = jinja2.Environment(
        trim_blocks=overrides.get("trim_blocks", job["trim"]), lstrip_blocks=overrides.get("lstrip_blocks", job["lstrip"]),
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined, loader=jinja2.FileSystemLoader(job["search"]),
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        finalize=(lambda x: "" if x is None else x) if ansible else None)
    if ansible:
        env.filters.update(ANSIBLE_FILTERS)
        env.filters["d"] = env.filters["default"]
        env.tests.update(ANSIBLE_TESTS)
    return env


def load_defaults(job):
    """defaults/main.yml then vars/main.yml (vars win), as Ansible's precedence has them; strings holding Jinja are
    templated against the others, as Ansible does lazily when a variable is read."""
    values = {}
    for path in job["defaults"]:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        if isinstance(data, dict):
            values.update(data)
    return values


def templated(value, env, context, depth=0):
    if depth > 5:
        return value
    if isinstance(value, str) and ("{{" in value or "{%" in value):
        try:
            return templated(env.from_string(value).render(context), env, context, depth + 1)
        except Exception:
            return value
    if isinstance(value, list):
        return [templated(v, env, context, depth) for v in value]
    if type(value) is dict:
        return {k: templated(v, env, context, depth) for k, v in value.items()}
    return value


def resolve(name, spec, context):
    """A variable set's intent on a variable (see Variations.cs), against the defaults: a default that already
    does what the set needs is kept."""
    cur = context.get(name)
    if "$truthy" in spec:
        as_bool = spec["bool"]
        if spec["$truthy"]:
            if cur is not None and (to_bool(cur) if as_bool else bool(cur)):
                return cur
            return True if as_bool else plausible(name)
        return False if as_bool else ""
    if "$defined" in spec:
        return cur if name in context else plausible(name)
    if "$equals" in spec:
        lit = spec["$equals"]
        return int(lit) if lit.isdigit() else lit
    lit = spec["$differs"]
    return cur if cur is not None and str(cur) != lit else Plausible(f"not-{lit}")


def soundness_items(n, arity):
    """A loop's items under a variable set that fixes their number (see Variations.cs)."""
    if arity == 1:
        return [Plausible(f"item{i}.example") for i in range(1, n + 1)]
    return [tuple(Plausible(f"item{i}-{k}.example") for k in range(arity)) for i in range(1, n + 1)]


def undeclared(env, source, seen=None):
    """The variables a template and the templates it extends, includes or imports read without defining them."""
    seen = seen if seen is not None else set()
    ast_ = env.parse(source)
    names = set(jinja2.meta.find_undeclared_variables(ast_))
    for ref in jinja2.meta.find_referenced_templates(ast_):
        if ref is None or ref in seen:
            continue
        seen.add(ref)
        try:
            names |= undeclared(env, env.loader.get_source(env, ref)[0], seen)
        except jinja2.TemplateNotFound:
            pass
    return names


def render_set(job, env, defaults, s):
    body, _ = ansible_header(s["text"]) if job["flavour"] == "ansible" else (s["text"], {})
    marked, _ = ansible_header(s["marked"]) if job["flavour"] == "ansible" else (s["marked"], {})
    context = dict(ANSIBLE_MAGIC) if job["flavour"] == "ansible" else {"salt": SaltFunctions(), "grains": {"fqdn": "mx.example.com", "domain": "example.com", "id": "mx", "os_family": "Debian"}, "pillar": {}, "opts": {}}
    context.update(defaults)
    for name, spec in s["vars"].items():
        context[name] = resolve(name, spec, context)
    context = {k: templated(v, env, context) for k, v in context.items()}
    context["soundness_items"] = soundness_items
    try:
        names = undeclared(env, body)
    except jinja2.TemplateSyntaxError as e:
        return {"error": f"TemplateSyntaxError: {e.message} (line {e.lineno})"}
    for name in names - set(context) - set(s["undefined"]):
        context[name] = plausible(name)
    for name in s["undefined"]:
        context.pop(name, None)
    out = {}
    for key, text in (("text", body), ("marked", marked)):
        try:
            out[key] = env.from_string(text).render(context)
        except jinja2.TemplateError as e:
            return {"error": f"{type(e).__name__}: {e.message}"}
        except Exception as e:  # what the template's own code raises (e.g. a string method on a list)
            return {"error": f"{type(e).__name__}: {e}"}
    return out


def main():
    batch = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogateescape"))
    results = []
    for job in batch["jobs"]:
        _, overrides = ansible_header(job["sets"][0]["text"]) if job["flavour"] == "ansible" else ("", {})
        env = environment(job, overrides)
        defaults = load_defaults(job)
        results.append({"defaults": sorted(defaults), "renderings": [render_set(job, env, defaults, s) for s in job["sets"]]})
    sys.stdout.write(json.dumps({"jobs": results}, default=str))


if __name__ == "__main__":
    main()
