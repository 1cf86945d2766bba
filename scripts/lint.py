#!/usr/bin/env python3
"""clang-tidy on Ponte's sources, each result kept until the file's preprocessed text changes.

Usage: scripts/lint.py BUILD_DIR [JOBS]

BUILD_DIR holds compile_commands.json (a build configured without precompiled headers). Every
translation unit of ours in it (core/, app/, modules/; not the fuzz targets) is checked with the
checks of .clang-tidy, except the files listed in scripts/lint_excluded.txt.

A file's result is stored in BUILD_DIR/lint-cache under the hash of: the clang-tidy version,
.clang-tidy, the file's path and its preprocessed text (the compiler's -E output, so every header
and macro it sees counts). A file whose hash is known is not checked again; its stored findings
are reported as if it were. Files are checked JOBS at a time (default: the number of cores).

Exit status 0 when no file has a finding, 1 otherwise (findings are printed as clang-tidy prints
them), 2 on a usage or tool error.
"""

import concurrent.futures
import hashlib
import json
import os
import shlex
import subprocess
import sys
import re
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = ("core/", "app/", "modules/")
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (warning|error|note): ")


def diagnostics(text):
    """clang-tidy's output cut into diagnostics, each with its source lines."""
    out = []
    for line in text.splitlines(keepends=True):
        if DIAGNOSTIC.match(line) or not out:
            out.append(line)
        else:
            out[-1] += line
    return out


def excluded_files():
    """Path -> line number in scripts/lint_excluded.txt."""
    entries = {}
    with open(os.path.join(ROOT, "scripts", "lint_excluded.txt"), encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            path = line.split("#", 1)[0].strip()
            if path:
                entries[path] = number
    return entries


def preprocess_command(entry):
    """The entry's compile command turned into one that writes the preprocessed text to stdout."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "-o":
            skip = True
            continue
        if arg == "-c":
            continue
        out.append(arg)
    return out + ["-E"]


def key_of(entry, salt):
    result = subprocess.run(preprocess_command(entry), cwd=entry["directory"], capture_output=True, check=False)
    if result.returncode != 0:
        return None  # clang-tidy will say why
    digest = hashlib.sha256(salt)
    digest.update(entry["file"].encode())
    digest.update(result.stdout)
    return digest.hexdigest()


def tidy(build, path):
    """(returncode, findings text) of clang-tidy on one file."""
    result = subprocess.run(["clang-tidy", "-p", build, "--quiet", path], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    return result.returncode, result.stdout


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count() or 2
    started = time.monotonic()
    with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as file:
        entries = json.load(file)
    excluded = excluded_files()
    units = []
    for entry in entries:
        path = os.path.relpath(os.path.join(entry["directory"], entry["file"]), ROOT)
        if not path.startswith(OURS) or path.endswith("_fuzz.cpp"):
            continue
        if path in excluded:
            continue
        units.append((path, entry))
    missing = sorted(set(excluded) - {path for path, _ in units} - {
        os.path.relpath(os.path.join(e["directory"], e["file"]), ROOT) for e in entries})
    for path in missing:
        print(f"scripts/lint_excluded.txt:{excluded[path]}: {path} is not a source file: delete the entry")

    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, check=True).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as file:
        salt = version + file.read()
    cache = os.path.join(build, "lint-cache")
    os.makedirs(cache, exist_ok=True)

    findings = {}
    checked = 0
    failed = bool(missing)

    def run(unit):
        path, entry = unit
        key = key_of(entry, salt)
        stored = os.path.join(cache, key + ".txt") if key else None
        if stored and os.path.exists(stored):
            with open(stored, encoding="utf-8") as file:
                return path, file.read(), False, 0
        status, text = tidy(build, path)
        if stored and status in (0, 1):  # not when clang-tidy crashed
            with open(stored + ".tmp", "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(stored + ".tmp", stored)
        return path, text, True, status

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for path, text, ran, status in pool.map(run, units):
            checked += ran
            if "warning:" in text or "error:" in text or status != 0:
                findings[path] = text or f"{path}: clang-tidy exited with {status} and printed nothing\n"

    # A finding in a header appears once per file that includes it: print each one once.
    printed = []
    for path in sorted(findings):
        for diagnostic in diagnostics(findings[path]):
            if diagnostic not in printed:
                printed.append(diagnostic)
                print(diagnostic, end="")
    elapsed = time.monotonic() - started
    count = sum(1 for diagnostic in printed if not DIAGNOSTIC.match(diagnostic).group(1) == "note")
    print(f"lint: {len(units)} files ({checked} checked, {len(units) - checked} unchanged since their last check), "
          f"{len(excluded)} excluded, {count} finding(s), {elapsed:.0f} s")
    return 1 if findings or failed else 0


if __name__ == "__main__":
    sys.exit(main())
