# Splunk SOAR main module of the Okta connector.
#
# The platform hands this module its input (asset configuration, action and
# parameter sets) as one JSON document. The module passes that document to
# the okta-connector binary next to it, on standard input and unchanged but
# for the asset's saved state, and turns the result envelope the binary
# writes into the platform's objects: one ActionResult per action result,
# the state saved for the next run, and the containers of "on poll" saved
# with their artifacts. The envelope is described in docs/ENVELOPE.md.
#
# Standard library only; Python 3.13 (Splunk SOAR 7).

import json
import os
import subprocess
import sys

import phantom.app as phantom
from phantom.action_result import ActionResult
from phantom.base_connector import BaseConnector

BINARY_NAME = "okta-connector"

# Arguments that make the binary run the request against the simulated Okta
# org it embeds instead of the asset's org: for local runs and tests.
REPLAY_ARGS = ("--replay", "/dev/stdin")

# The binary bounds its own work by the input's "timeout" (600 seconds when
# the input gives none) and then still writes an envelope; the module stops
# waiting for it GRACE_SECONDS later.
DEFAULT_TIMEOUT = 600
GRACE_SECONDS = 30

NO_RESULT = "The connector returned no result for this parameter set; see the spawn log"

# How many lines of the binary's log (standard error) reach the spawn log.
MAX_LOG_LINES = 200


def app_dir():
    """The folder the platform installed the app in."""
    return os.path.dirname(os.path.abspath(__file__))


class OktaConnector(BaseConnector):
    """Runs each platform input through the okta-connector binary once."""

    # Extra command-line arguments for the binary (REPLAY_ARGS for the
    # simulated org). Empty on the platform.
    binary_args = ()
    grace_seconds = GRACE_SECONDS

    def __init__(self):
        super().__init__()
        self._input = None
        self._groups = None
        self._next_set = 0
        self._state = {}
        self._new_state = None

    def _handle_action(self, in_json, handle):
        # Keep the input as the platform wrote it: handle_action, which the
        # platform calls once per parameter set, only sees one set.
        self._input = in_json
        self._groups = None
        self._next_set = 0
        self._new_state = None
        return super()._handle_action(in_json, handle)

    def initialize(self):
        state = self.load_state()
        self._state = state if isinstance(state, dict) else {}
        return phantom.APP_SUCCESS

    def finalize(self):
        # The envelope's state replaces the saved one; a run that returned
        # none (a failure, or an action that keeps no state) leaves it.
        if isinstance(self._new_state, dict):
            self._state = self._new_state
        self.save_state(self._state)
        return phantom.APP_SUCCESS

    def handle_action(self, param):
        index = self._next_set
        self._next_set += 1
        try:
            if self._groups is None:
                self._groups = []  # set first: an error in _run must not run the binary again
                self._groups = self._run()
            group = self._groups[index] if index < len(self._groups) else Failure(NO_RESULT)
            return self._report(param, group)
        except Exception as err:  # the platform shows a message, never a traceback
            self.error_print("okta-connector: unexpected error in the app module", repr(err))
            action_result = self.add_action_result(ActionResult(dict(param)))
            return action_result.set_status(
                phantom.APP_ERROR, "The Okta app failed before it could report a result: {}".format(err))

    # Running the binary.

    def _run(self):
        """Runs the binary on the input and returns, for each parameter set,
        its action results (a list) or a Failure."""
        try:
            request = json.loads(self._input)
        except (TypeError, ValueError) as err:
            return [Failure("The platform's input is not JSON: {}".format(err))]
        if not isinstance(request, dict):
            return [Failure("The platform's input is not a JSON object")]
        params = request.get("parameters")
        if not isinstance(params, list) or not params:
            params = [{}]

        payload = self._input
        if self._state or "state" in request:
            request["state"] = self._state
            payload = json.dumps(request, ensure_ascii=False)
        if isinstance(payload, str):
            payload = payload.encode("utf-8")

        self._progress("Running {} on {}".format(
            request.get("identifier") or request.get("action") or "the action", plural(len(params), "parameter set")))
        envelope = self._execute(payload, timeout_of(request))
        if isinstance(envelope, Failure):
            return [envelope] * len(params)

        self._new_state = envelope.get("state")
        results = [r for r in envelope["action_results"] if isinstance(r, dict)]
        if not results:
            return [Failure(envelope.get("message") or "The connector returned no action result")] * len(params)
        return group_results(results, params)

    def _execute(self, payload, timeout):
        """Runs the binary with payload on standard input and returns its
        result envelope, or a Failure that says what went wrong."""
        binary = os.path.join(app_dir(), BINARY_NAME)
        make_executable(binary)
        limit = timeout + self.grace_seconds
        try:
            proc = subprocess.run(
                [binary] + list(self.binary_args), input=payload, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=app_dir(), timeout=limit, check=False)
        except subprocess.TimeoutExpired as err:
            self._relay_log(err.stderr)
            return Failure(
                "The Okta connector did not finish within {} seconds (the action's timeout of {} seconds plus {}) "
                "and was stopped; nothing is known about changes it had started. Check the network path to Okta "
                "(proxy_url, or the asset's HTTPS_PROXY), or give the action a longer timeout".format(
                    fmt_seconds(limit), fmt_seconds(timeout), fmt_seconds(self.grace_seconds)))
        except OSError as err:
            return Failure("The Okta connector binary {} could not be started ({}); reinstall the app".format(
                binary, err.strerror or err))
        self._relay_log(proc.stderr)

        try:
            envelope = json.loads(proc.stdout)
        except ValueError:
            envelope = None
        if isinstance(envelope, dict) and isinstance(envelope.get("action_results"), list):
            return envelope
        if proc.returncode < 0:
            how = "was killed by signal {}".format(-proc.returncode)
        else:
            how = "exited with status {}".format(proc.returncode)
        what = "printed no result envelope" if not proc.stdout.strip() else "printed output that is not a result envelope"
        detail = last_line(proc.stderr)
        return Failure("The Okta connector {} and {}{}; see the spawn log".format(
            how, what, ": " + detail if detail else ""))

    def _progress(self, message):
        try:
            self.save_progress(message)
        except Exception:  # progress is informative; a message it cannot show must not fail the action
            self.debug_print("okta-connector: progress not shown", message)

    def _relay_log(self, stderr):
        lines = (stderr or b"").decode("utf-8", "replace").splitlines()
        for line in lines[-MAX_LOG_LINES:]:
            if line.strip():
                self.debug_print("okta-connector", line)

    # Reporting to the platform.

    def _report(self, param, group):
        """Adds the action results of one parameter set and returns its
        status."""
        if isinstance(group, Failure):
            action_result = self.add_action_result(ActionResult(dict(param)))
            self._progress(group.message)
            return action_result.set_status(phantom.APP_ERROR, group.message)

        action = self.get_action_identifier()
        status = phantom.APP_ERROR
        for result in group:
            echoed = result.get("parameter")
            echoed = dict(echoed) if isinstance(echoed, dict) else dict(param)
            if "context" in param and "context" not in echoed:
                echoed["context"] = param["context"]
            action_result = self.add_action_result(ActionResult(echoed))
            data = result.get("data")
            for item in data if isinstance(data, list) else []:
                action_result.add_data(item)
            if isinstance(result.get("summary"), dict):
                action_result.update_summary(result["summary"])
            ok = result.get("status") == "success"
            message = result.get("message") or ("Succeeded" if ok else "Failed")
            if action == "on_poll":
                if ok:
                    ok, message = self._ingest(param, data if isinstance(data, list) else [], message)
                else:
                    self._new_state = None  # a failed poll keeps the checkpoint it started from
            if action == "test_connectivity":
                self._progress("Test Connectivity Passed" if ok else "Test Connectivity Failed")
            self._progress(message)
            action_result.set_status(phantom.APP_SUCCESS if ok else phantom.APP_ERROR, message)
            if ok:
                status = phantom.APP_SUCCESS
        return status

    def _ingest(self, param, containers, message):
        """Saves the containers of an "on poll" result with their artifacts;
        returns whether all were saved and the result's message."""
        max_containers = max_artifacts = None
        if self.is_poll_now():
            max_containers = positive_int(param.get("container_count"))
            max_artifacts = positive_int(param.get("artifact_count"))
        todo = containers[:max_containers] if max_containers else containers
        label = (self.get_config().get("ingest") or {}).get("container_label")

        saved = duplicates = 0
        errors = []
        for number, item in enumerate(todo, 1):
            container = platform_container(item, label, max_artifacts)
            try:
                ok, save_message, _ = self.save_container(container)
            except Exception as err:  # reported with the other containers not saved
                ok, save_message = phantom.APP_ERROR, str(err)
            if phantom.is_fail(ok):
                errors.append("{}: {}".format(container.get("name", "container"), save_message))
                continue
            saved += 1
            if "duplicate" in (save_message or "").lower():
                duplicates += 1
            self._progress("Saved container {} of {}: {}".format(number, len(todo), container.get("name", "")))

        message += "; saved {}".format(plural(saved, "container"))
        if duplicates:
            message += " ({} already existed)".format(duplicates)
        if len(todo) < len(containers):
            message += "; Poll Now stopped at container_count ({}), {} left for a later poll".format(
                max_containers, plural(len(containers) - len(todo), "container"))
            self._new_state = None  # the checkpoint would skip the containers not saved
        if errors:
            self._new_state = None
            message += "; {} of {} could not be saved, so the checkpoint is unchanged and the next poll " \
                       "tries them again (first error: {})".format(len(errors), len(todo), errors[0])
            return False, message
        return True, message


class Failure:
    """Why a parameter set got no action result from the binary."""

    def __init__(self, message):
        self.message = message


def group_results(results, params):
    """Splits the action results, in order, over the parameter sets: one
    result each, and more where one set named several targets (its results
    then echo the set's platform context); the last set takes whatever is
    left. With no context to tell, every result still reaches the platform,
    in order."""
    groups = []
    cursor = 0
    for index, param in enumerate(params):
        sets_left = len(params) - index - 1
        if cursor >= len(results):
            groups.append(Failure(NO_RESULT))
            continue
        group = [results[cursor]]
        cursor += 1
        if sets_left == 0:
            group.extend(results[cursor:])
            cursor = len(results)
        else:
            context = param.get("context") if isinstance(param, dict) else None
            while context is not None and len(results) - cursor > sets_left and \
                    context_of(results[cursor]) == context:
                group.append(results[cursor])
                cursor += 1
        groups.append(group)
    return groups


def context_of(result):
    parameter = result.get("parameter")
    return parameter.get("context") if isinstance(parameter, dict) else None


def platform_container(item, label, max_artifacts):
    """The container save_container takes for one container of an "on poll"
    result: artifacts included, the asset's label unless it has one, and
    automation run once, on the last artifact."""
    container = dict(item) if isinstance(item, dict) else {}
    artifacts = [dict(a) for a in container.pop("artifacts", None) or [] if isinstance(a, dict)]
    if max_artifacts:
        artifacts = artifacts[:max_artifacts]
    for position, artifact in enumerate(artifacts, 1):
        artifact.setdefault("run_automation", position == len(artifacts))
    if label and not container.get("label"):
        container["label"] = label
    container["artifacts"] = artifacts
    return container


def timeout_of(request):
    timeout = request.get("timeout")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        return DEFAULT_TIMEOUT
    return timeout


def positive_int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def make_executable(path):
    """Restores the binary's execute bit where an installation dropped it."""
    try:
        mode = os.stat(path).st_mode
        if not mode & 0o100:
            os.chmod(path, mode | 0o755)
    except OSError:
        pass  # reported when the binary is started


def last_line(stderr):
    lines = [line for line in (stderr or b"").decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip()[:500] if lines else ""


def plural(count, noun):
    return "{} {}{}".format(count, noun, "" if count == 1 else "s")


def fmt_seconds(seconds):
    return "{:g}".format(seconds)


def main(argv=None):
    """Runs one input file outside the platform's scheduler, on a host that
    has the platform's modules: python3 okta_connector.py INPUT.json."""
    import argparse

    parser = argparse.ArgumentParser(description="Run a Splunk SOAR input file through the Okta connector.")
    parser.add_argument("input_test_json", help="the platform's input for one action, as JSON")
    parser.add_argument("--replay", action="store_true",
                        help="run against the simulated Okta org built into the binary, not the asset's org")
    args = parser.parse_args(argv)
    with open(args.input_test_json, encoding="utf-8") as f:
        in_json = f.read()
    connector = OktaConnector()
    connector.print_progress_message = True
    if args.replay:
        connector.binary_args = REPLAY_ARGS
    ret_val = connector._handle_action(in_json, None)
    print(json.dumps(json.loads(ret_val), indent=4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
