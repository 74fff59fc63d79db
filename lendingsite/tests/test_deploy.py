"""The deployment files agree with the application: compose.yaml runs the Procfile's
processes from one image with the environment production insists on, .env.example names
only variables something reads, and the Dockerfile keeps its promises (non-root, static
files collected, a health check on /healthz). Docker itself is not needed to run these."""

import re
import sys
from pathlib import Path

import yaml

from lendingsite.settings import PRODUCTION_REQUIRED

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "live", "worker", "beat")
# Required beyond PRODUCTION_REQUIRED: the system check integrations.E001 refuses without it.
ALSO_REQUIRED = {"DJANGO_ENV", "WEBHOOK_SECRET_KEYS"}


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


def settings_reads() -> set[str]:
    text = (ROOT / "lendingsite" / "settings.py").read_text()
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", text))


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def command_text(service: dict) -> str:
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else command


def test_compose_has_the_production_shape():
    assert set(SERVICES) == {*APP_SERVICES, "db", "redis"}
    assert SERVICES["db"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in APP_SERVICES:
        assert SERVICES[name]["image"] == "lendingsite:latest", name
        assert SERVICES[name]["env_file"] == ".env", name
    # Migrations are a one-off that everything else waits for.
    assert SERVICES["migrate"]["restart"] == "no"
    for name in ("web", "live", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert "deploy" not in SERVICES["beat"]  # exactly one beat: never replicated


def test_each_process_runs_the_procfiles_command():
    procs = procfile()
    release = command_text(SERVICES["migrate"])
    assert procs["release"] in release
    for name in ("web", "live", "worker", "beat"):
        ours = command_text(SERVICES[name])
        # The same program and arguments; only ports and worker counts are spelt out.
        program = procs[name].split(" --bind")[0].split(" -l ")[0]
        assert program in ours, (name, program, ours)


def test_every_variable_production_requires_reaches_every_app_service():
    example = env_example()
    for name in APP_SERVICES:
        environment = SERVICES[name].get("environment", {})
        provided = set(example) | set(environment)
        missing = (set(PRODUCTION_REQUIRED) | ALSO_REQUIRED) - provided
        assert not missing, f"{name} lacks {sorted(missing)}"
    assert example["DJANGO_ENV"] == "production"


def test_env_example_names_only_variables_something_reads():
    compose_text = (ROOT / "compose.yaml").read_text()
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", compose_text))
    read = settings_reads() | interpolated
    unknown = set(env_example()) - read
    assert not unknown, f".env.example sets {sorted(unknown)}, which nothing reads"


def test_the_dockerfile_is_multi_stage_non_root_and_checks_healthz():
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, flags=re.M)
    assert stages == ["build", "runtime"]
    runtime = text.split("AS runtime", 1)[1]
    assert re.search(
        r"^USER 10001:10001$", runtime, flags=re.M
    )  # numeric: runAsNonRoot can check it
    assert "useradd --system" in runtime
    assert "collectstatic" in text.split("AS runtime", 1)[0]
    assert 'CMD ["python", "/app/deploy/healthcheck.py"]' in runtime
    assert "gunicorn lendingsite.wsgi" in runtime
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ".env" in ignored and ".git" in ignored


def test_the_healthcheck_asks_for_healthz_as_an_allowed_host(client, settings, monkeypatch):
    sys.path.insert(0, str(ROOT / "deploy"))
    try:
        import healthcheck
    finally:
        sys.path.remove(str(ROOT / "deploy"))

    assert healthcheck.host_header("lendingsite.example.in,www.example.in") == (
        "lendingsite.example.in"
    )
    assert healthcheck.host_header(".example.in") == "example.in"
    assert healthcheck.host_header("") == "localhost"
    assert healthcheck.host_header("*") == "localhost"
    settings.ALLOWED_HOSTS = ["lendingsite.example.in"]
    answer = client.get("/healthz", HTTP_HOST=healthcheck.host_header("lendingsite.example.in"))
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
