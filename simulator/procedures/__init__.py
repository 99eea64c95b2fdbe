"""Procedures as data: the walkthrough format (model) and the drafts record mode writes.

They live in the simulator because guided mode and record mode read them, while the runner
in ``walkthroughs/`` drives the simulator: packages import in one direction only,
``walkthroughs`` → ``simulator`` (tests/unit/test_package_direction.py). The YAML files stay
in ``walkthroughs/``, beside the runner that replays them.
"""
