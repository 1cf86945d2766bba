#!/usr/bin/env python3
"""Checks the boundaries between Ponte's rooms from the sources' #include lines.

Usage: scripts/check_boundaries.py [ROOT]   (ROOT: the checkout, by default this script's parent)

A room is a directory under core/ or modules/ (core/db with core/db/sqlite and core/db/postgres),
a header directly in core/ with its source (core/registry.hpp and .cpp are the room core/registry),
or app/. The rules, each failure reported as file:line:

  core-includes-app       core knows no module and no composition root: no file under core/
                          includes app/ or modules/.
  module-internals        a module reaches another only through its api.hpp: no file under
                          modules/<a>/ includes modules/<b>/<anything but api.hpp>.
  config-knows-no-room    core/config reads the options of core alone: it includes only the
                          infrastructure rooms in CONFIG_MAY_INCLUDE (a room's own options are
                          declared by that room).
  room-cycle              no two rooms include each other, directly or through others (in the
                          shipped code: tests, fuzz targets and core/testing are left out).
  own-header-first        a test (foo_test.cpp, foo_dbtest.cpp, foo_apitest.cpp) whose folder
                          has foo.hpp includes it first, proving that the header stands alone.

Violations named in scripts/boundaries_allowed.txt are reported but do not fail the check; an
entry there that no longer matches a violation fails it, so that the list only shrinks.
Exit status: 0 when every violation is allowed and every allowance used, 1 otherwise.
"""

import os
import re
import sys
from collections import defaultdict

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
TEST_SUFFIXES = ("_test.cpp", "_dbtest.cpp", "_apitest.cpp")
ROOTS = ("core", "app", "modules")
CONFIG_MAY_INCLUDE = ("core/config", "core/crypto", "core/db", "core/http", "core/i18n", "core/log")


def room_of(path):
    """The room of a root-relative path, or None outside core/, app/ and modules/."""
    parts = path.split("/")
    if parts[0] == "app":
        return "app"
    if parts[0] in ("core", "modules") and len(parts) >= 2:
        if len(parts) == 2:  # a file directly in core/: its own room, named by its stem
            return parts[0] + "/" + os.path.splitext(parts[1])[0]
        return parts[0] + "/" + parts[1]
    return None


def sources(root):
    for top in ROOTS:
        for directory, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if name.endswith((".cpp", ".hpp")):
                    yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def includes(root, path):
    """(line number, root-relative included path) for each quoted include of a file of ours."""
    out = []
    with open(os.path.join(root, path), encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            beside = os.path.normpath(os.path.join(os.path.dirname(path), target)).replace(os.sep, "/")
            if os.path.exists(os.path.join(root, target)):
                out.append((number, target))
            elif os.path.exists(os.path.join(root, beside)):
                out.append((number, beside))
    return out


def first_include(root, path):
    """(line number, text) of the first #include of any kind, or None."""
    with open(os.path.join(root, path), encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            match = re.match(r'^\s*#\s*include\s*([<"][^>"]+[>"])', line)
            if match:
                return number, match.group(1)
    return None


def violations(root):
    """Yields (key, message): key is what the allow-list names, message is for people."""
    files = list(sources(root))
    edges = defaultdict(list)  # (room, room) -> [(file, line, target)]
    for path in files:
        room = room_of(path)
        for number, target in includes(root, path):
            where = f"{path}:{number}"
            if path.startswith("core/") and target.startswith(("app/", "modules/")):
                yield (f"core-includes-app {path} {target}",
                       f"{where}: core-includes-app: core/ must not include {target} "
                       "(core knows no module; move what it needs into core or invert the dependency)")
            if path.startswith("modules/") and target.startswith("modules/"):
                own, other = path.split("/")[1], target.split("/")[1]
                if own != other and target != f"modules/{other}/api.hpp":
                    yield (f"module-internals {path} {target}",
                           f"{where}: module-internals: modules/{own} may include only modules/{other}/api.hpp "
                           f"of another module, not {target}")
            target_room = room_of(target)
            if room == "core/config" and target_room and target_room not in CONFIG_MAY_INCLUDE:
                yield (f"config-knows-no-room {path} {target}",
                       f"{where}: config-knows-no-room: core/config must not include {target} "
                       f"(it may include {', '.join(CONFIG_MAY_INCLUDE[1:])}; "
                       f"{target_room} declares its own options)")
            # Tests and the test support use the rooms they test; only shipped code makes cycles.
            shipped = not path.endswith(TEST_SUFFIXES + ("_fuzz.cpp",)) and not path.startswith("core/testing/")
            if shipped and room and target_room and target_room != room:
                edges[(room, target_room)].append((path, number, target))

    # Rooms that include each other: the strongly connected components of the room graph (Tarjan).
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for next_node in sorted(graph[node]):
            if next_node not in index:
                visit(next_node)
                low[node] = min(low[node], low[next_node])
            elif next_node in on_stack:
                low[node] = min(low[node], index[next_node])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    for component in components:
        members = set(component)
        lines = []
        for (a, b), uses in sorted(edges.items()):
            if a in members and b in members:
                path, number, target = uses[0]
                more = f" (and {len(uses) - 1} more)" if len(uses) > 1 else ""
                lines.append(f"    {path}:{number}: {a} -> {b}: includes {target}{more}")
        yield (f"room-cycle {' '.join(component)}",
               f"room-cycle: these rooms include each other: {', '.join(component)}; "
               "remove one direction:\n" + "\n".join(lines))

    for path in files:
        name = os.path.basename(path)
        suffix = next((s for s in TEST_SUFFIXES if name.endswith(s)), None)
        if not suffix:
            continue
        header = path[: -len(suffix)] + ".hpp"
        if not os.path.exists(os.path.join(root, header)):
            continue
        first = first_include(root, path)
        if first is None or first[1] != f'"{header}"':
            number, text = first if first else (1, "nothing")
            yield (f"own-header-first {path}",
                   f"{path}:{number}: own-header-first: the first include must be \"{header}\", not {text}")


def allowed(root):
    """The allow-list's entries: key -> line number."""
    entries = {}
    path = os.path.join(root, "scripts", "boundaries_allowed.txt")
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                entries[" ".join(line.split())] = number
    return entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entries = allowed(root)
    found = list(violations(root))
    failed = False
    for key, message in found:
        if key in entries:
            print(f"allowed (scripts/boundaries_allowed.txt:{entries[key]}): {message}")
        else:
            print(message)
            failed = True
    keys = {key for key, _ in found}
    for key, number in sorted(entries.items(), key=lambda item: item[1]):
        if key not in keys:
            print(f"scripts/boundaries_allowed.txt:{number}: '{key}' no longer happens: delete the entry")
            failed = True
    print(f"boundaries: {len(found)} violation(s), {len(entries)} allowed, {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
