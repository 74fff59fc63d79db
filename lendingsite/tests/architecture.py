"""Static checks of the architecture rules (issue 13, docs/architecture.md), by reading the
source with `ast`: nothing is imported or run. lendingsite/tests/test_architecture.py
applies them to the code base and proves each one catches a bad snippet.

1. Services: every public function of a `services` module that writes (saves, creates,
   updates or deletes rows, posts to the ledger, or records an audit event) is wrapped in
   `transaction.atomic`, takes a keyword-only `acting_user`, and records an audit event
   (`audit_record`, directly or through a private helper of the same module).
2. Admin, API and views: no `.save()`, `.create()`, `.update()` or `.delete()` on domain
   models (a manager, a queryset or an instance); they call services.
3. One ledger writer: only the loans/ledger/ package makes journal rows (no JournalEntry or
   JournalLine built or written elsewhere, no SQL naming their tables).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("lendingsite", "accounts", "loans", "repayments", "collection", "portal")
WRITE_METHODS = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
WRITE_FUNCTIONS = {"audit_record", "journal_post", "journal_post_rows", "journal_reverse"}
QUERYSET_METHODS = {"objects", "filter", "exclude", "all", "select_for_update", "using"}


@dataclass(frozen=True)
class Violation:
    module: str
    function: str
    rule: str

    @property
    def key(self) -> str:
        """Module-independent, so an allow-list survives a file moving to another app."""
        return f"{self.function}: {self.rule}"

    def __str__(self) -> str:
        return f"{self.module}: {self.key}"


def source_files(kind: str) -> Iterator[Path]:
    """The modules of one kind: "services" (a services package or module), or "edge"
    (admin, API and view modules: a path part starting admin/api/views)."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if kind == "journal" or (kind == "services" and "services" in parts):
                yield path
            if kind == "edge" and any(p.startswith(("admin", "api", "views")) for p in parts):
                yield path


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return f"{_dotted(node.func)}()"
    return "?"


def _calls(node: ast.AST) -> Iterator[ast.Call]:
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            yield child


def _is_atomic(function: ast.FunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if _dotted(target).endswith("atomic"):
            return True
    for node in ast.walk(function):
        if isinstance(node, ast.With):
            for item in node.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and _dotted(expr.func).endswith("atomic"):
                    return True
    return False


def _keyword_only(function: ast.FunctionDef, name: str) -> bool:
    return any(arg.arg == name for arg in function.args.kwonlyargs)


def _writes(node: ast.AST) -> bool:
    for call in _calls(node):
        name = _call_name(call)
        if name in WRITE_FUNCTIONS:
            return True
        if (
            name in WRITE_METHODS
            and isinstance(call.func, ast.Attribute)
            and (name not in {"update", "create"} or _receiver_is_model(call))
        ):
            return True
    return False


def _audits(function: ast.FunctionDef, helpers: dict[str, ast.FunctionDef], seen=()) -> bool:
    for call in _calls(function):
        name = _call_name(call)
        if name == "audit_record":
            return True
        helper = helpers.get(name)
        if helper is not None and name not in seen and _audits(helper, helpers, (*seen, name)):
            return True
    return False


def service_violations(source: str, module: str = "<snippet>") -> list[Violation]:
    """Public write services that are not atomic, lack a keyword-only acting_user, or
    record no audit event."""
    tree = ast.parse(source)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    helpers = {f.name: f for f in functions if f.name.startswith("_")}
    found = []
    for function in functions:
        if function.name.startswith("_") or not (_writes(function) or _is_atomic(function)):
            continue
        if not _is_atomic(function):
            found.append(Violation(module, function.name, "not atomic"))
        if not _keyword_only(function, "acting_user"):
            found.append(Violation(module, function.name, "no keyword-only acting_user"))
        if not _audits(function, helpers):
            found.append(Violation(module, function.name, "records no audit event"))
    return found


def _receiver_is_model(call: ast.Call) -> bool:
    """`X.objects.create(...)`, `qs.filter(...).update(...)`, `obj.save()`: a write on a
    model, as opposed to `dict.update(...)` or `super().save()` inside a model admin."""
    receiver = call.func.value  # type: ignore[attr-defined]
    name = call.func.attr  # type: ignore[attr-defined]
    chain = _dotted(receiver)
    if chain.startswith("super()"):
        return False
    parts = {p.rstrip("()") for p in chain.split(".")}
    if parts & QUERYSET_METHODS or chain.endswith(("queryset", "qs")):
        return True
    # An instance: save() and delete() are model methods; update()/create() on a plain
    # name are dicts and sets (request.data.update, ...).
    return name in {"save", "delete"}


def edge_violations(source: str, module: str = "<snippet>") -> list[Violation]:
    """Writes on domain models in an admin, API or view module."""
    tree = ast.parse(source)
    found = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(child, f"{where}.{child.name}" if where else child.name)
                continue
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr in {"save", "update", "delete", "create"}
                and _receiver_is_model(child)
            ):
                rule = f"{_dotted(child.func)}()"
                found.append(Violation(module, where or "<module>", rule))
            visit(child, where)

    visit(tree, "")
    return found


JOURNAL_MODELS = {"JournalEntry", "JournalLine"}
LEDGER_MODULE = "loans.ledger"


def _writes_journal_sql(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = value.lower()
    names = "journalentry" in text or "journalline" in text
    return names and any(verb in text for verb in ("insert", "update", "delete"))


def journal_violations(source: str, module: str = "<snippet>") -> list[Violation]:
    """Journal rows made outside the ledger package (`loans.ledger` and its modules)."""
    if module == LEDGER_MODULE or module.startswith(f"{LEDGER_MODULE}."):
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and _writes_journal_sql(node.value):
            found.append(Violation(module, "<sql>", "writes a journal table"))
        if not isinstance(node, ast.Call):
            continue
        chain = _dotted(node.func)
        root = chain.split(".")[0].rstrip("()")
        if root in JOURNAL_MODELS and (chain == root or chain.rsplit(".", 1)[-1] in WRITE_METHODS):
            found.append(Violation(module, "<call>", f"{chain}()"))
    return found


def scan(kind: str) -> list[Violation]:
    check = {
        "services": service_violations,
        "edge": edge_violations,
        "journal": journal_violations,
    }[kind]
    found = []
    for path in source_files(kind):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found.extend(check(path.read_text(), module))
    return found
