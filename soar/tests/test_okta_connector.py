"""Tests of the Splunk SOAR main module, soar/okta_connector.py.

Each test installs the module as the platform would (in an app folder next to
an okta-connector binary), drives it through the platform's entry point with
a test double of the platform's modules (tests/phantom), and reads what the
platform would get. The binary is the real connector, run against the
simulated Okta org it embeds, or a small script standing in for a binary that
crashes, hangs or prints something else.

make test passes the binary as OKTA_CONNECTOR_BINARY; without it the tests
build one with go.
"""

import glob
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOAR = os.path.dirname(HERE)
REPO = os.path.dirname(SOAR)
sys.path.insert(0, HERE)  # the platform double, tests/phantom

_work = tempfile.mkdtemp(prefix="okta-soar-tests-")
_binary = None
_loaded = 0


def tearDownModule():
    shutil.rmtree(_work, ignore_errors=True)


def connector_binary():
    """The real okta-connector: OKTA_CONNECTOR_BINARY, or built once."""
    global _binary
    if _binary is None:
        given = os.environ.get("OKTA_CONNECTOR_BINARY")
        if given:
            _binary = os.path.abspath(given)
        else:
            _binary = os.path.join(_work, "okta-connector")
            subprocess.run(["go", "build", "-o", _binary, "."], cwd=REPO, check=True)
    return _binary


def install(binary=None, script=None):
    """Installs the module in a new app folder with binary (linked) or a
    script standing in for it, and returns the loaded module."""
    global _loaded
    _loaded += 1
    folder = os.path.join(_work, "app{}".format(_loaded))
    os.mkdir(folder)
    shutil.copy(os.path.join(SOAR, "okta_connector.py"), folder)
    target = os.path.join(folder, "okta-connector")
    if binary:
        os.symlink(binary, target)
    if script is not None:
        with open(target, "w") as f:
            f.write("#!{}\n".format(sys.executable) + textwrap.dedent(script))
        os.chmod(target, 0o755)
    spec = importlib.util.spec_from_file_location("okta_connector_{}".format(_loaded),
                                                  os.path.join(folder, "okta_connector.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def platform_input(identifier, parameters, config=None, **extra):
    """The input Splunk SOAR hands an app for one action (the shape of the
    public splunk-soar-sdk's input specification)."""
    request = {
        "action": identifier,
        "identifier": identifier,
        "action_run_id": 123456,
        "app_config": None,
        "asset_id": "10",
        "connector_run_id": 78910,
        "container_id": 12345,
        "debug_level": 3,
        "dec_key": "0123456789",
        "user_session_token": "session-token",
        "config": dict({
            "appname": "-",
            "app_version": "1.0.0",
            "directory": "/opt/phantom/apps/okta_45a7babc-6240-448a-9172-b160f4ff9f3f",
            "ingest": {"container_label": "okta"},
            "main_module": "okta_connector.py",
            "base_url": "https://acme.okta.example",
            "api_key": "replaced-by-the-simulated-org",
        }, **(config or {})),
        "environment_variables": {},
        "parameters": [],
    }
    for index, param in enumerate(parameters):
        with_context = dict(param)
        with_context["context"] = {"artifact_id": 40 + index, "guid": "guid-{}".format(index),
                                   "parent_action_run": []}
        request["parameters"].append(with_context)
    request.update(extra)
    return json.dumps(request)


def run(module, in_json, replay=True, state=None, poll_now=False, container_errors=None, grace=None):
    """Runs one input through the platform's entry point; returns the
    connector and the action results as the platform gets them."""
    connector = module.OktaConnector()
    if replay:
        connector.binary_args = module.REPLAY_ARGS
    if grace is not None:
        connector.grace_seconds = grace
    connector.fake_state = state
    connector.fake_poll_now = poll_now
    connector.fake_container_errors = container_errors or {}
    results = json.loads(connector._handle_action(in_json, None))
    return connector, results


def runs_of_binary(connector):
    """How many times the binary started an action (from its log)."""
    return sum(1 for _, line in connector.fake_debug if '"message":"action started"' in line)


class ActionsAgainstTheSimulatedOrg(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.module = install(binary=connector_binary())

    def test_test_connectivity(self):
        connector, results = run(self.module, platform_input("test_connectivity", [{}]))
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertIn("Test connectivity passed", results[0]["message"])
        self.assertIn("Test Connectivity Passed", connector.fake_progress)
        self.assertEqual(connector.fake_saved_states, [{}])

    def test_parameter_sets_run_once_and_map_back_in_order(self):
        in_json = platform_input("get_user", [
            {"user_id": ["dana.whitfield@example.com", "marcus.oyelaran@example.com"]},
            {"user_id": "nobody@example.com"},
        ])
        connector, results = run(self.module, in_json)
        self.assertEqual(runs_of_binary(connector), 1)
        self.assertEqual(connector.fake_handle_action_calls, 2)
        self.assertEqual([r["status"] for r in results], ["success", "success", "failed"])
        self.assertEqual([r["data"][0]["profile"]["login"] for r in results[:2]],
                         ["dana.whitfield@example.com", "marcus.oyelaran@example.com"])
        self.assertEqual(results[0]["summary"]["status"], "ACTIVE")
        self.assertEqual(results[0]["parameter"]["user_id"], "dana.whitfield@example.com")
        self.assertIn("E0000007", results[2]["message"])
        self.assertEqual(results[2]["data"], [])
        # Both results of the first set were added while the platform
        # handled that set, and each keeps its set's context.
        self.assertEqual(connector.fake_results_per_call, [2, 1])
        self.assertEqual([r["parameter"]["context"]["guid"] for r in results], ["guid-0", "guid-0", "guid-1"])

    def test_list_users(self):
        connector, results = run(self.module, platform_input("list_users", [{"limit": 3}]))
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertEqual(len(results[0]["data"]), 3)
        self.assertEqual(results[0]["summary"]["num_users"], 3)
        self.assertTrue(all(item["profile"]["login"] for item in results[0]["data"]))

    def test_block_ip_changes_the_org(self):
        connector, results = run(self.module, platform_input("block_ip", [{"ip": "203.0.113.77"}]))
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertIn("203.0.113.77 blocked", results[0]["message"])
        self.assertEqual(results[0]["summary"]["ip"], "203.0.113.77")

    def test_an_invalid_parameter_fails_its_result(self):
        connector, results = run(self.module, platform_input("list_users", [{"limit": -1}]))
        self.assertEqual(results[0]["status"], "failed")
        self.assertIn("limit", results[0]["message"])

    def test_an_unusable_request_fails_every_parameter_set(self):
        in_json = platform_input("get_user", [{"user_id": "a@example.com"}, {"user_id": "b@example.com"}],
                                 config={"max_targets": 0})
        connector, results = run(self.module, in_json)
        self.assertEqual([r["status"] for r in results], ["failed", "failed"])
        for result in results:
            self.assertIn("invalid asset configuration: invalid configuration: max_targets: got 0", result["message"])
        self.assertEqual([r["parameter"]["user_id"] for r in results], ["a@example.com", "b@example.com"])

    def test_the_state_is_kept_by_actions_that_keep_none(self):
        checkpoint = {"last_published": "2026-01-14T12:00:00.000Z", "last_uuids": ["x"]}
        connector, results = run(self.module, platform_input("get_user", [{"user_id": "dana.whitfield@example.com"}]),
                                 state=checkpoint)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertEqual(connector.fake_saved_states, [checkpoint])


class VerbatimPlatformInputs(unittest.TestCase):
    """The repository's verbatim Splunk SOAR inputs (fixtures/requests/
    *__splunk_soar_*.json), run through the module, give the action results
    and state of their golden envelopes."""

    @staticmethod
    def normalize(result):
        # The golden files name the simulated org as https://sim.okta.example.
        text = re.sub(r"https://127\.0\.0\.1:\d+", "https://sim.okta.example", json.dumps(result))
        return json.loads(re.sub(r"127\.0\.0\.1:\d+", "sim.okta.example", text))

    def test_fixtures(self):
        module = install(binary=connector_binary())
        paths = sorted(glob.glob(os.path.join(REPO, "fixtures", "requests", "*__splunk_soar_*.json")))
        self.assertGreaterEqual(len(paths), 5)
        for path in paths:
            name = os.path.basename(path)
            with self.subTest(name):
                with open(path, encoding="utf-8") as f:
                    request = json.load(f)
                with open(os.path.join(REPO, "fixtures", "golden", name), encoding="utf-8") as f:
                    golden = json.load(f)
                state = request.pop("state", None)  # the platform keeps it; the module adds it
                connector, results = run(module, json.dumps(request), state=state)
                self.assertEqual(len(results), len(golden["action_results"]))
                for got, want in zip(results, golden["action_results"]):
                    got = self.normalize(got)
                    self.assertEqual(got["status"], want["status"], got["message"])
                    self.assertTrue(got["message"].startswith(want["message"]), got["message"])
                    self.assertEqual(got["parameter"], want["parameter"])
                    self.assertEqual(got["data"], want["data"])
                    self.assertEqual(got["summary"], want["summary"])
                self.assertEqual(connector.fake_saved_states, [golden.get("state", state or {})])


class OnPoll(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.module = install(binary=connector_binary())

    def test_first_poll_saves_containers_and_the_checkpoint(self):
        connector, results = run(self.module, platform_input("on_poll", [{}]))
        result = results[0]
        self.assertEqual(result["status"], "success", result["message"])
        containers = connector.fake_containers
        self.assertEqual(len(containers), result["summary"]["num_containers"])
        self.assertEqual(len(containers), 21)
        self.assertEqual(sum(len(c["artifacts"]) for c in containers), result["summary"]["num_artifacts"])
        self.assertIn("saved 21 containers", result["message"])
        for container in containers:
            self.assertEqual(container["label"], "okta")
            self.assertTrue(container["source_data_identifier"])
            flags = [a["run_automation"] for a in container["artifacts"]]
            self.assertEqual(flags, [False] * (len(flags) - 1) + [True])
            self.assertIn("eventType", container["artifacts"][0]["cef"])
        self.assertEqual(len(result["data"]), 21)  # the containers are the result's data too
        state = connector.fake_saved_states[-1]
        self.assertEqual(state["last_published"], result["summary"]["checkpoint"])

        # The next poll continues from the checkpoint the platform saved.
        again, results = run(self.module, platform_input("on_poll", [{}]), state=state)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertEqual(again.fake_containers, [])
        self.assertEqual(again.fake_saved_states[-1], state)

    def test_a_poll_continues_from_a_checkpoint(self):
        checkpoint = {"last_published": "2026-01-14T12:00:00.000Z",
                      "last_uuids": ["a797c16f-8729-11f0-beaf-2a23ea87c858"]}
        connector, results = run(self.module, platform_input("on_poll", [{"container_count": 3}]), state=checkpoint)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        names = [c["source_data_identifier"] for c in connector.fake_containers]
        self.assertEqual(len(names), 3)
        self.assertNotIn("a797c16f-8729-11f0-beaf-2a23ea87c858", names)
        self.assertEqual(connector.fake_saved_states[-1]["last_uuids"][-1], names[-1])

    def test_a_scheduled_poll_with_the_platforms_own_parameters(self):
        # A scheduled poll: the platform's window in epoch milliseconds,
        # counts of 4294967295 and an empty container_id, as it sends them.
        checkpoint = {"last_published": "2026-01-14T12:00:00.000Z",
                      "last_uuids": ["a797c16f-8729-11f0-beaf-2a23ea87c858"]}
        params = {"start_time": 1768392000000, "end_time": 1768413600000, "container_id": "",
                  "container_count": 4294967295, "artifact_count": 4294967295}
        connector, results = run(self.module, platform_input("on_poll", [params]), state=checkpoint)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertGreater(len(connector.fake_containers), 0)
        self.assertNotEqual(connector.fake_saved_states[-1], checkpoint, "the checkpoint advances")

    def test_poll_now_honours_the_counts(self):
        connector, results = run(self.module, platform_input("on_poll", [{"container_count": 2, "artifact_count": 1}]),
                                 poll_now=True)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertEqual(len(connector.fake_containers), 2)
        self.assertEqual([len(c["artifacts"]) for c in connector.fake_containers], [1, 1])

    def test_a_container_that_cannot_be_saved_keeps_the_checkpoint(self):
        checkpoint = {"last_published": "2026-01-14T12:00:00.000Z",
                      "last_uuids": ["a797c16f-8729-11f0-beaf-2a23ea87c858"]}
        first, _ = run(self.module, platform_input("on_poll", [{"container_count": 2}]), state=checkpoint)
        refused = first.fake_containers[1]["source_data_identifier"]
        connector, results = run(self.module, platform_input("on_poll", [{"container_count": 2}]), state=checkpoint,
                                 container_errors={refused: "Database is read-only"})
        self.assertEqual(results[0]["status"], "failed")
        self.assertIn("1 of 2 could not be saved", results[0]["message"])
        self.assertIn("Database is read-only", results[0]["message"])
        self.assertEqual(connector.fake_saved_states, [checkpoint])

    def test_a_platform_error_while_saving_is_a_failed_result(self):
        class Unavailable(self.module.OktaConnector):
            def save_container(self, container, fail_on_duplicate=False):
                raise RuntimeError("database unavailable")

        connector = Unavailable()
        connector.binary_args = self.module.REPLAY_ARGS
        connector.fake_state = {"kept": True}
        results = json.loads(connector._handle_action(platform_input("on_poll", [{"container_count": 2}]), None))
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["status"], "failed")
        self.assertIn("2 of 2 could not be saved", results[0]["message"])
        self.assertIn("database unavailable", results[0]["message"])
        self.assertEqual(connector.fake_saved_states, [{"kept": True}])


class BinaryFailures(unittest.TestCase):
    """A binary that fails to deliver becomes a failed action result."""

    def check_failed(self, module, contains, **kwargs):
        in_json = platform_input("get_user", [{"user_id": "a@example.com"}, {"user_id": "b@example.com"}],
                                 **kwargs.pop("extra", {}))
        connector, results = run(module, in_json, replay=False, state={"kept": True}, **kwargs)
        self.assertEqual(len(results), 2)
        for result in results:
            self.assertEqual(result["status"], "failed")
            self.assertIn(contains, result["message"])
            self.assertNotIn("Traceback", result["message"])
        self.assertEqual(connector.fake_saved_states, [{"kept": True}])
        return connector, results

    def test_exits_without_output(self):
        module = install(script="""
            import sys
            sys.stderr.write("starting\\nfatal: cannot map memory\\n")
            sys.exit(3)
            """)
        self.check_failed(module, "exited with status 3 and printed no result envelope: fatal: cannot map memory")

    def test_killed_by_a_signal(self):
        module = install(script="""
            import os, signal
            os.kill(os.getpid(), signal.SIGKILL)
            """)
        self.check_failed(module, "was killed by signal 9")

    def test_prints_something_else(self):
        module = install(script="""
            print("panic: runtime error")
            """)
        self.check_failed(module, "printed output that is not a result envelope")

    def test_runs_past_the_timeout(self):
        module = install(script="""
            import time
            time.sleep(60)
            """)
        start = time.monotonic()
        self.check_failed(module, "did not finish within 2 seconds (the action's timeout of 1 seconds plus 1)",
                          grace=1, extra={"timeout": 1})
        self.assertLess(time.monotonic() - start, 20)

    def test_missing(self):
        module = install()
        self.check_failed(module, "could not be started")

    def test_execute_bit_lost_on_installation(self):
        module = install(script="""
            import json, sys
            request = json.load(sys.stdin)
            print(json.dumps({"status": "success", "action_results": [
                {"status": "success", "message": "ok", "parameter": p, "data": [], "summary": {}}
                for p in request["parameters"]]}))
            """)
        os.chmod(os.path.join(os.path.dirname(module.__file__), "okta-connector"), 0o644)
        connector, results = run(module, platform_input("get_user", [{"user_id": "a@example.com"}]), replay=False)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])


class InputAndMapping(unittest.TestCase):
    """What reaches the binary, and how its results reach the platform."""

    ECHO = """
        import json, sys
        raw = sys.stdin.buffer.read()
        print(json.dumps({"status": "success", "action_results": [
            {"status": "success", "message": "echo", "parameter": {}, "data": [raw.decode("utf-8")], "summary": {}}]}))
        """

    def test_the_input_reaches_the_binary_unchanged(self):
        module = install(script=self.ECHO)
        in_json = platform_input("get_user", [{"user_id": "ann.lee@example.com"}])
        connector, results = run(module, in_json, replay=False)
        self.assertEqual(results[0]["data"][0], in_json)

    def test_the_saved_state_is_added_to_the_input(self):
        module = install(script=self.ECHO)
        in_json = platform_input("on_poll", [{}])
        state = {"last_published": "2026-01-14T12:00:00.000Z", "last_uuids": ["e1"]}
        connector, results = run(module, in_json, replay=False, state=state)
        sent = json.loads(results[0]["data"][0])
        expected = json.loads(in_json)
        expected["state"] = state
        self.assertEqual(sent, expected)

    def test_results_follow_their_parameter_sets(self):
        module = install(script="""
            import json, sys
            request = json.load(sys.stdin)
            a, b, c = request["parameters"]
            results = []
            for param, users in ((a, ["u1", "u2", "u3"]), (b, ["u4"]), (c, ["u5", "u6"])):
                for user in users:
                    echoed = dict(param, user_id=user)
                    results.append({"status": "success", "message": user, "parameter": echoed,
                                    "data": [{"id": user}], "summary": {"n": 1}})
            print(json.dumps({"status": "success", "action_results": results, "state": {"s": 1}}))
            """)
        in_json = platform_input("get_user", [{"user_id": "u1,u2,u3"}, {"user_id": "u4"}, {"user_id": "u5,u6"}])
        connector, results = run(module, in_json, replay=False)
        self.assertEqual([r["message"] for r in results], ["u1", "u2", "u3", "u4", "u5", "u6"])
        self.assertEqual(connector.fake_results_per_call, [3, 1, 2])
        self.assertEqual(results[0]["summary"], {"n": 1})
        self.assertEqual(results[5]["data"], [{"id": "u6"}])
        self.assertEqual(connector.fake_saved_states, [{"s": 1}])

    def test_results_without_context_all_reach_the_platform_in_order(self):
        module = install(script="""
            import json, sys
            print(json.dumps({"status": "success", "action_results": [
                {"status": "success", "message": m, "parameter": {"user_id": m}, "data": [], "summary": {}}
                for m in ("u1", "u2", "u3")]}))
            """)
        in_json = json.dumps({"identifier": "get_user", "config": {},
                              "parameters": [{"user_id": "u1,u2"}, {"user_id": "u3"}]})
        connector, results = run(module, in_json, replay=False)
        self.assertEqual([r["message"] for r in results], ["u1", "u2", "u3"])
        self.assertEqual(sum(connector.fake_results_per_call), 3)


class LocalRun(unittest.TestCase):
    def test_main_runs_an_input_file(self):
        module = install(binary=connector_binary())
        path = os.path.join(os.path.dirname(module.__file__), "input.json")
        with open(path, "w") as f:
            f.write(platform_input("get_user", [{"user_id": "dana.whitfield@example.com"}]))
        env = dict(os.environ, PYTHONPATH=HERE)
        proc = subprocess.run([sys.executable, module.__file__, path, "--replay"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120, check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        results = json.loads(proc.stdout)
        self.assertEqual(results[0]["status"], "success", results[0]["message"])
        self.assertEqual(results[0]["data"][0]["profile"]["login"], "dana.whitfield@example.com")


if __name__ == "__main__":
    unittest.main()
