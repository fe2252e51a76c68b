"""Test double of phantom.app: the status codes and their checks."""

APP_SUCCESS = True
APP_ERROR = False


def is_fail(status):
    return not status


def is_success(status):
    return bool(status)
