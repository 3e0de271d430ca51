#!/usr/bin/env python3
"""Make internal every public top-level type of src/MtaLint that the CLI and the benchmarks do not use.

Usage (from anywhere; REPO defaults to the git work tree of the current folder):

    python3 scripts/internal-pass.py [REPO] [--dry-run] [--max-rounds N]

What it does, mechanically, on the work tree as it is (commit or stash first: it edits files in place):

 1. Lists the top-level type declarations of src/MtaLint/**/*.cs that start with `public` (classes,
    records, structs, interfaces, enums, delegates; every part of a partial type).
 2. Keeps public every type whose name is an identifier in the code of src/MtaLint.Cli or bench/
    (comments stripped, string contents kept: a name in a string keeps its type public, which is safe).
 3. Rewrites the leading `public` of the others to `internal`, and makes sure src/MtaLint's csproj has
    <InternalsVisibleTo> for every project that compiles against it and is not the CLI: MtaLint.Tests
    (the benchmarks use only what stays public).
 4. Builds, and for each error that says a type made internal is needed as public, turns that type
    back to public, then builds again, until the build is clean:
      - CS0050..CS0061, CS0703, CS9338 "inconsistent accessibility": an internal type in a public
        signature of a public type (a return, parameter, property, field, base type or constraint).
        The type goes back to public (the user stays public: it is public because something outside
        uses it, or because it is itself in such a signature).
      - CS0122 "inaccessible due to its protection level" in the CLI or benchmarks (a type reached
        without being named, e.g. through `var`).
      - CS1061/CS1929 "no accessible extension method M": the static classes declaring `M(this ...)`.
    Stage order: src/MtaLint alone first (its own inconsistencies), then the whole solution.
    Any other error stops the script with the build output (nothing is guessed).
 5. Prints how many types were public, how many became internal, and which were turned back.

Afterwards: run the tests (whole suite) and commit. Re-running it on the result ends in the same state
(it tries the types turned back again, and turns them back again).

Tried on branch a-libs at 750e7fe (a scratch worktree, then discarded): 261 public top-level types,
57 named by the CLI or benchmarks, 204 tried; 5 library rounds + 5 solution rounds (35 min on the shared
2-core machine); 146 made internal, 58 turned back, 115 stay public; 77 files changed; the solution
builds with 0 warnings and UnifiedDiff/Glob/SuppressionDirective/RuleDoc/OutputSnapshot/TlsRule/
EditApplication tests pass (178). McDocument and the M4 node types stay public only because the test
helper tests/.../Sendmail/SendmailTestFiles.cs is a public class with `public static McDocument Parse`:
make that helper internal first and they become internal too.
--dry-run prints the list of types it would make internal and edits nothing.
"""

import argparse
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

KINDS = r"(?:class|struct|interface|enum|record(?:\s+class|\s+struct)?)"
MODIFIERS = r"(?:(?:static|sealed|abstract|readonly|partial|ref|unsafe|new|file)\s+)*"
# `public [modifiers] kind Name` or `public [modifiers] delegate Type Name(`
TYPE_DECL = re.compile(rf"^(?P<indent>[ \t]*)public(?P<rest>\s+{MODIFIERS}{KINDS}\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*))")
DELEGATE_DECL = re.compile(rf"^(?P<indent>[ \t]*)public(?P<rest>\s+{MODIFIERS}delegate\s+[^=;(]*?\b(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:<[^>]*>)?\s*\()")
FILE_SCOPED_NS = re.compile(r"^namespace\s+[\w.]+\s*;", re.M)
BLOCK_NS = re.compile(r"^namespace\s+[\w.]+\s*(?:\{|$)", re.M)
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ERROR = re.compile(r"^(?P<file>[^(\n]+)\((?P<line>\d+),(?P<col>\d+)\): error (?P<code>[A-Z]+\d+): (?P<msg>.*?)(?: \[(?P<project>[^\]]+)\])?$", re.M)

print = functools.partial(print, flush=True)  # progress shows as each build ends

INCONSISTENT = {f"CS00{n}" for n in range(50, 62)} | {"CS0703", "CS9338"}


def sources(folder: Path):
    for path in sorted(folder.rglob("*.cs")):
        parts = set(path.relative_to(folder).parts)
        if "bin" in parts or "obj" in parts:
            continue
        yield path


def strip_comments(text: str) -> str:
    """The code without // and /* */ comments; string and char literals kept as they are."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(text[i:j])
            i = j
        elif c == '"':
            verbatim = i > 0 and text[i - 1] == "@" or i > 1 and text[i - 2:i] in ("@$", "$@")
            j = i + 1
            while j < n:
                if text[j] == "\\" and not verbatim:
                    j += 2
                    continue
                if text[j] == '"':
                    if verbatim and j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                if text[j] == "\n" and not verbatim:
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
        elif c == "'":
            m = re.match(r"'(?:\\.[^']*|[^'\\])'", text[i:])
            if m:
                out.append(m.group(0))
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def declarations(library: Path):
    """(file, line index, name) of every top-level `public` type declaration."""
    found = []
    for path in sources(library):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if FILE_SCOPED_NS.search(text) or not BLOCK_NS.search(text):
            top = ""
        else:
            top = "    "  # block-scoped namespace: one level in
        for k, line in enumerate(lines):
            m = TYPE_DECL.match(line) or DELEGATE_DECL.match(line)
            if m and m.group("indent") == top:
                found.append((path, k, m.group("name")))
    return found


def used_outside(root: Path) -> set:
    names = set()
    for folder in (root / "src" / "MtaLint.Cli", root / "bench"):
        for path in sources(folder):
            names.update(IDENT.findall(strip_comments(path.read_text(encoding="utf-8"))))
    return names


def set_access(decls, names, access):
    """Rewrite the leading modifier of the declarations of `names` to `access` (public/internal)."""
    by_file = {}
    for path, k, name in decls:
        if name in names:
            by_file.setdefault(path, []).append(k)
    for path, ks in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for k in ks:
            lines[k] = re.sub(r"^([ \t]*)(public|internal)\b", rf"\g<1>{access}", lines[k], count=1)
        path.write_text("\n".join(lines), encoding="utf-8")


def ensure_internals_visible(csproj: Path, assemblies):
    text = csproj.read_text(encoding="utf-8")
    missing = [a for a in assemblies if f'<InternalsVisibleTo Include="{a}"' not in text]
    if not missing:
        return []
    items = "".join(f'    <InternalsVisibleTo Include="{a}" />\n' for a in missing)
    text = text.replace("</Project>", f"  <ItemGroup>\n{items}  </ItemGroup>\n</Project>", 1)
    csproj.write_text(text, encoding="utf-8")
    return missing


def build(root: Path, target: str):
    cmd = ["dotnet", "build", target, "-c", "Release", "-nologo", "-v", "q", "-clp:NoSummary"]
    run = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    output = run.stdout + run.stderr
    errors = {(m.group("file"), m.group("line"), m.group("col"), m.group("code"), m.group("msg")) for m in ERROR.finditer(output)}
    return run.returncode, sorted(errors), output


def extension_classes(decls, internal, method):
    """Internal static classes that declare an extension method named `method`."""
    pattern = re.compile(rf"\b{re.escape(method)}\s*(?:<[^>]*>)?\s*\(\s*this\b")
    hits = set()
    for path, _, name in decls:
        if name in internal and pattern.search(path.read_text(encoding="utf-8")):
            hits.add(name)
    return hits


def needed_public(errors, decls, internal):
    """The internal types the errors say must be public, and the errors no rule explains."""
    needed, unexplained = set(), []
    for error in errors:
        _, _, _, code, msg = error
        quoted = re.findall(r"'([^']*)'", msg)
        if code in INCONSISTENT and quoted:
            # the first quoted name is the less accessible type (maybe generic or qualified)
            hits = {n for n in IDENT.findall(quoted[0]) if n in internal}
        elif code == "CS0122" and quoted:
            hits = {n for n in IDENT.findall(quoted[0]) if n in internal}
        elif code in ("CS1061", "CS1929") and len(quoted) >= 2:
            method = quoted[1] if code == "CS1061" else quoted[-2]
            hits = extension_classes(decls, internal, method)
        else:
            hits = set()
        if hits:
            needed |= hits
        else:
            unexplained.append(error)
    return needed, unexplained


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", nargs="?")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--max-rounds", type=int, default=40)
    args = parser.parse_args()
    root = Path(args.repo or subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()).resolve()
    library = root / "src" / "MtaLint"

    decls = declarations(library)
    public = {name for _, _, name in decls}
    outside = used_outside(root)
    internal = {name for name in public if name not in outside}
    print(f"{len(public)} public top-level types in src/MtaLint; {len(public) - len(internal)} named by the CLI or the benchmarks; "
          f"{len(internal)} to make internal")
    if args.dry_run:
        for name in sorted(internal):
            print("  " + name)
        return 0

    added = ensure_internals_visible(library / "MtaLint.csproj", ["MtaLint.Tests"])
    if added:
        print("added InternalsVisibleTo: " + ", ".join(added))
    set_access(decls, internal, "internal")

    reverted = []
    for target in ("src/MtaLint/MtaLint.csproj", "MtaLint.sln"):
        for round_ in range(1, args.max_rounds + 1):
            code, errors, output = build(root, target)
            if code == 0:
                print(f"{target}: builds clean (round {round_})")
                break
            needed, unexplained = needed_public(errors, decls, internal)
            if unexplained or not needed:
                print(output, file=sys.stderr)
                print(f"{target}: errors this script does not resolve:", file=sys.stderr)
                for e in unexplained or errors:
                    print("  " + " ".join(e), file=sys.stderr)
                return 1
            print(f"{target}: round {round_}: {len(errors)} errors; back to public: {', '.join(sorted(needed))}")
            set_access(decls, needed, "public")
            internal -= needed
            reverted += sorted(needed)
        else:
            print(f"{target}: not clean after {args.max_rounds} rounds", file=sys.stderr)
            return 1

    print(f"done: {len(public)} public types before, {len(public) - len(internal)} after; {len(internal)} made internal; "
          f"{len(reverted)} turned back to public because a public signature or the CLI needs them: {', '.join(reverted) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
