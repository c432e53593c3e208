#!/usr/bin/env python3
"""The house rules of docs/architecture.md, checked from the sources' #include lines.

  scripts/check_architecture.py              check the tree; exit 1 and list every violation
  scripts/check_architecture.py --self-test  also prove each rule fires on a planted violation

Rules:
  1. core/ is pure: no I/O, clock, randomness, thread, UI, network or storage header; besides the
     C++ standard library only nlohmann/json, ICU and SIMD intrinsics.
  2. web/ and server/ never include each other; core/ includes neither.
  3. Inside core/, server/ and web/, a folder includes only itself and the folders below it in the
     dependency order written in docs/architecture.md (the block after "Dependency order").
  4. No two file pairs (x.h + x.cpp) include each other, directly or round a longer cycle.
  5. Every folder of core/, server/ and web/ is in that order (a new folder is placed on purpose).
  6. No source file over 600 lines unless it says why (a line with "longer than 600 lines because").
"""
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHELLS = ("core", "server", "web")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

# The C++ standard library headers core may use: everything but I/O, clocks, randomness and threads.
STD_FORBIDDEN = {
    "fstream", "iostream", "istream", "ostream", "filesystem", "cstdio",
    "thread", "mutex", "shared_mutex", "condition_variable", "future", "stop_token", "semaphore", "latch", "barrier",
    "atomic", "chrono", "ctime", "random", "csignal", "cstdlib",
}
# cstdio is allowed for snprintf only where a file says so with this marker on the include line.
CSTDIO_ALLOWED_MARKER = "snprintf"
CORE_LIBRARY_PREFIXES = ("nlohmann/", "unicode/")
CORE_INTRINSICS = {"wasm_simd128.h", "emmintrin.h", "arm_neon.h"}


def read_order(text):
    """{shell: [folder, …]} from the 'Dependency order' block of docs/architecture.md."""
    order = {}
    block = text.split("Dependency order", 1)
    if len(block) < 2:
        return order
    for line in block[1].splitlines():
        m = re.match(r"^\s*(core|server|web):\s*(.+)$", line)
        if m:
            order[m.group(1)] = [part.strip() for part in m.group(2).split("→")]
        elif order and line.strip().startswith("```"):
            break
    return order


def folder_of(path):
    """('core', 'tax') for core/tax/tax.h; ('web', 'main.cpp') for web/main.cpp."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] not in SHELLS:
        return None, None
    return parts[0], parts[1] if len(parts) > 2 else parts[1]


def pair_of(path):
    return re.sub(r"\.(h|cpp)$", "", path)


def sources(root):
    out = {}
    for shell in SHELLS:
        for dirpath, _, files in os.walk(os.path.join(root, shell)):
            for f in files:
                if f.endswith((".h", ".cpp")):
                    full = os.path.join(dirpath, f)
                    rel = os.path.relpath(full, root).replace(os.sep, "/")
                    with open(full, encoding="utf-8") as fh:
                        out[rel] = fh.read()
    return out


def check(files, order):
    """Every violation, as 'path: rule: what'."""
    problems = []
    rank = {shell: {folder: i for i, folder in enumerate(folders)} for shell, folders in order.items()}
    for shell in SHELLS:
        if shell not in rank:
            problems.append(f"docs/architecture.md: no dependency order for {shell}/")
    graph = defaultdict(set)
    for path, text in sorted(files.items()):
        shell, folder = folder_of(path)
        if shell is None:
            continue
        if shell in rank and folder not in rank[shell]:
            problems.append(f"{path}: folder order: {shell}/{folder} is not in the dependency order of docs/architecture.md")
        lines = text.count("\n") + 1
        if lines > 600 and "longer than 600 lines because" not in text:
            problems.append(f"{path}: size: {lines} lines (split it along the domain, or say why)")
        for m in INCLUDE.finditer(text):
            kind, target = m.group(1), m.group(2)
            line_text = text[m.start():text.find("\n", m.start())]
            if kind == "<":
                if shell == "core":
                    name = target
                    if name in STD_FORBIDDEN and not (name == "cstdio" and CSTDIO_ALLOWED_MARKER in line_text):
                        problems.append(f"{path}: core is pure: <{name}> (I/O, clock, randomness or threads)")
                    elif "/" in name or name.endswith(".h"):
                        if not name.startswith(CORE_LIBRARY_PREFIXES) and name not in CORE_INTRINSICS:
                            problems.append(f"{path}: core is pure: <{name}> (only the standard library, nlohmann/json and ICU)")
                continue
            tshell, tfolder = folder_of(target)
            if tshell is None:
                continue  # tests/…, generated headers
            if shell == "core" and tshell != "core":
                problems.append(f'{path}: core is pure: includes "{target}"')
                continue
            if tshell != shell and tshell != "core":
                problems.append(f'{path}: shells: {shell}/ includes "{target}" ({shell}/ and {tshell}/ share only core/)')
                continue
            if tshell == shell and shell in rank and folder in rank[shell] and tfolder in rank[shell]:
                if rank[shell][tfolder] > rank[shell][folder]:
                    problems.append(f'{path}: dependency order: {shell}/{folder} includes "{target}", from {shell}/{tfolder} above it')
            if target in files or target.replace(".h", ".cpp") in files:
                a, b = pair_of(path), pair_of(target)
                if a != b:
                    graph[a].add(b)
    problems += cycles(graph)
    return problems


def cycles(graph):
    """Strongly connected components of more than one file pair (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append("include cycle: " + " ↔ ".join(sorted(component)) + " (these file pairs include each other)")

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def self_test(files, order):
    """Each rule fires on a planted violation in a copy of the tree (nothing is written)."""
    def first(prefix, suffix=".h"):
        return next(p for p in sorted(files) if p.startswith(prefix) and p.endswith(suffix))

    plants = [
        ("core includes <fstream>", first("core/base/"), "#include <fstream>\n", "core is pure"),
        ("core includes <thread>", first("core/tax/"), "#include <thread>\n", "core is pure"),
        ("core includes ImGui", first("core/search/"), "#include <imgui.h>\n", "core is pure"),
        ("core includes the server", first("core/orders/"), '#include "server/store/database.h"\n', "core is pure"),
        ("web includes the server", first("web/state/"), '#include "server/api/routes.h"\n', "shells"),
        ("server includes the web app", first("server/store/"), '#include "web/state/app.h"\n', "shells"),
        ("core folder includes one above it", first("core/base/"), '#include "core/wire/order_json.h"\n', "dependency order"),
        ("server folder includes one above it", first("server/store/"), '#include "server/api/routes.h"\n', "dependency order"),
        ("state includes a screen", first("web/state/"), '#include "web/screens/theme.h"\n', "dependency order"),
    ]
    failed = 0
    for name, path, line, rule in plants:
        planted = dict(files)
        planted[path] = line + files[path]
        found = [p for p in check(planted, order) if rule in p and p.startswith(path)]
        status = "fires" if found else "DOES NOT FIRE"
        failed += not found
        print(f"  self-test: {name} ({path}): {status}" + (f": {found[0]}" if found else ""))
    # A cycle between two pairs in one folder.
    a, b = first("server/http/"), [p for p in sorted(files) if p.startswith("server/http/") and p.endswith(".h")][1]
    planted = dict(files)
    planted[a] = f'#include "{b}"\n' + files[a]
    planted[b] = f'#include "{a}"\n' + files[b]
    found = [p for p in check(planted, order) if p.startswith("include cycle")]
    failed += not found
    print(f"  self-test: two file pairs include each other ({a}, {b}): {'fires' if found else 'DOES NOT FIRE'}")
    return failed == 0


def main():
    with open(os.path.join(ROOT, "docs", "architecture.md"), encoding="utf-8") as fh:
        order = read_order(fh.read())
    files = sources(ROOT)
    problems = check(files, order)
    for p in problems:
        print(p)
    pairs = len({pair_of(p) for p in files})
    print(f"architecture: {len(files)} files ({pairs} file pairs) in core/, server/, web/; {len(problems)} violations")
    ok = not problems
    if "--self-test" in sys.argv:
        ok = self_test(files, order) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
