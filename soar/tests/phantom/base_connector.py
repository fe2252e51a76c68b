"""Test double of phantom.base_connector.

BaseConnector behaves as the platform's does toward an app: _handle_action
reads the input, calls initialize, then handle_action once per parameter set
in order, then finalize, and returns the action results as JSON. What the
platform would keep (state, containers, progress, the spawn log) is held in
the fake_* attributes, which the tests set and read.
"""

import copy
import json

from phantom.app import APP_ERROR, APP_SUCCESS, is_fail


class BaseConnector:
    def __init__(self):
        self.__config = {}
        self.__action_identifier = None
        self.__action_results = []
        self.print_progress_message = False
        # What the platform holds for the asset and what the app sent it.
        self.fake_state = None          # returned by load_state
        self.fake_saved_states = []     # every save_state
        self.fake_poll_now = False      # is_poll_now
        self.fake_containers = []       # containers saved, with their ids
        self.fake_container_errors = {}  # source_data_identifier -> save_container failure message
        self.fake_progress = []
        self.fake_debug = []
        self.fake_errors = []
        self.fake_handle_action_calls = 0
        self.fake_results_per_call = []  # action results added during each handle_action

    # The platform's entry point.

    def _handle_action(self, in_json, handle):
        request = json.loads(in_json)
        self.__config = request.get("config") or {}
        self.__action_identifier = request.get("identifier")
        self.__action_results = []
        if is_fail(self.initialize()):
            return json.dumps([])
        for param in request.get("parameters") or [{}]:
            self.fake_handle_action_calls += 1
            before = len(self.__action_results)
            self.handle_action(dict(param))
            self.fake_results_per_call.append(len(self.__action_results) - before)
        self.finalize()
        return json.dumps([r.get_dict() for r in self.__action_results])

    def initialize(self):
        return APP_SUCCESS

    def finalize(self):
        return APP_SUCCESS

    def handle_action(self, param):
        raise NotImplementedError

    # What an app reads.

    def get_config(self):
        return self.__config

    def get_action_identifier(self):
        return self.__action_identifier

    def is_poll_now(self):
        return self.fake_poll_now

    def load_state(self):
        return copy.deepcopy(self.fake_state)

    # What an app reports.

    def add_action_result(self, action_result):
        self.__action_results.append(action_result)
        return action_result

    def get_action_results(self):
        return self.__action_results

    def save_state(self, state):
        self.fake_saved_states.append(copy.deepcopy(state))
        self.fake_state = copy.deepcopy(state)
        return APP_SUCCESS

    def save_container(self, container, fail_on_duplicate=False):
        if not isinstance(container, dict) or not container.get("name"):
            return APP_ERROR, "Container must have a name", None
        artifacts = container.get("artifacts", [])
        if not isinstance(artifacts, list) or not all(isinstance(a, dict) and isinstance(a.get("cef", {}), dict)
                                                      for a in artifacts):
            return APP_ERROR, "Artifacts must be a list of objects whose cef is an object", None
        sdi = container.get("source_data_identifier")
        if sdi in self.fake_container_errors:
            return APP_ERROR, self.fake_container_errors[sdi], None
        for saved in self.fake_containers:
            if sdi is not None and saved["source_data_identifier"] == sdi:
                if fail_on_duplicate:
                    return APP_ERROR, "Duplicate container found", saved["id"]
                return APP_SUCCESS, "Duplicate container found", saved["id"]
        saved = copy.deepcopy(container)
        saved["id"] = len(self.fake_containers) + 1
        self.fake_containers.append(saved)
        return APP_SUCCESS, "Container created", saved["id"]

    def save_progress(self, progress_str_const, *unnamed_format_args, **named_format_args):
        message = progress_str_const
        if unnamed_format_args or named_format_args:
            message = progress_str_const.format(*unnamed_format_args, **named_format_args)
        self.fake_progress.append(message)

    def debug_print(self, tag, dump_object=""):
        self.fake_debug.append((tag, dump_object))

    def error_print(self, tag, dump_object=""):
        self.fake_errors.append((tag, dump_object))
