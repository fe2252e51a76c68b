"""Test double of phantom.action_result."""

from phantom.app import APP_ERROR


class ActionResult:
    """The outcome of one parameter set, as the platform shows and stores it."""

    def __init__(self, param=None):
        self._param = dict(param or {})
        self._data = []
        self._summary = {}
        self._status = APP_ERROR
        self._message = ""

    def add_data(self, data):
        self._data.append(data)
        return self._data

    def get_data(self):
        return self._data

    def set_summary(self, summary):
        self._summary = summary
        return self._summary

    def update_summary(self, summary):
        self._summary.update(summary)
        return self._summary

    def get_summary(self):
        return self._summary

    def set_status(self, status_code, status_message="", exception=None):
        self._status = status_code
        self._message = status_message
        return status_code

    def get_status(self):
        return self._status

    def get_message(self):
        return self._message

    def get_param(self):
        return self._param

    def get_dict(self):
        return {
            "status": "success" if self._status else "failed",
            "message": self._message,
            "parameter": self._param,
            "data": self._data,
            "summary": self._summary,
        }
