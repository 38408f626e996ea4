# Starts Ralph (PyPI ralph-malph 5.1.0) as a throwaway LRS for the browser
# tests: its file-system backend in --data, HTTP basic auth from --auth (a file
# written by `ralph auth ... -w`), uvicorn on 127.0.0.1:--port. Run it with the
# python of the venv scripts/setup.sh creates; tests/lrs/lms.mjs does.
#
#   python ralph_server.py --port 8100 --data /tmp/lrs --auth /tmp/lrs/auth.json
#
# Ralph's file-system LRS backend writes with operation "create", so the second
# POST /xAPI/statements would fail with 500 ("... already exists"); this
# launcher switches it to "append" before the app is imported.
import argparse
import os
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description="Run Ralph on 127.0.0.1 for the tests.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", type=Path, required=True, help="directory for statements")
    parser.add_argument("--auth", type=Path, required=True, help="credentials file from `ralph auth -w`")
    args = parser.parse_args()

    data = args.data.resolve()
    data.mkdir(parents=True, exist_ok=True)
    # Ralph reads its settings from the environment (and a .env in the working
    # directory) when it is first imported: set everything before that.
    os.chdir(data)
    os.environ.update(
        {
            "RALPH_APP_DIR": str(data),
            "RALPH_HISTORY_FILE": str(data / "history.json"),
            "RALPH_AUTH_FILE": str(args.auth.resolve()),
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_HOST": "127.0.0.1",
            "RALPH_RUNSERVER_PORT": str(args.port),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
        }
    )

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    import uvicorn

    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    sys.exit(main())
