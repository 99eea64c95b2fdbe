"""Which of gunicorn's refusals the app draws, with gunicorn's own status for each."""

from __future__ import annotations

from gunicorn.http import errors

from simulator.web.server_errors import status_for


def test_client_refusals_keep_gunicorns_status():
    assert status_for(errors.LimitRequestLine(9000, 8190)) == 414
    assert status_for(errors.LimitRequestHeaders("trop")) == 431
    assert status_for(errors.InvalidRequestLine("GET")) == 400
    assert status_for(errors.InvalidHeaderName("x y")) == 400
    assert status_for(errors.UnsupportedTransferCoding("gzip")) == 501


def test_a_fault_of_the_app_is_left_to_gunicorn():
    assert status_for(RuntimeError("bug")) is None
