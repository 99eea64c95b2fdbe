"""Persistence: SQLAlchemy 2 models and the session that serves one request.

SQLite file by default (nothing to install), any SQLAlchemy URL through ``SIM_DATABASE_URL``
(PostgreSQL for a class spread over several hosts). No state lives in process memory.
"""

from .db import Database
from .lti import LtiCache, LtiContext, LtiGrade, LtiLink, LtiRegistration, LtiUser
from .models import (
    Account,
    AuthenticatorEntry,
    Base,
    Challenge,
    Classroom,
    Factor,
    Failure,
    FilterRule,
    InstructorFailure,
    InstructorSession,
    JoinFailure,
    LoginEvent,
    LureDrill,
    Message,
    PortalSession,
    PortalSetting,
    RecoveryCode,
    Sandbox,
    TrainingRecord,
    TrustedDevice,
    UnknownLoginFailure,
)

__all__ = [
    "Account",
    "AuthenticatorEntry",
    "Base",
    "Challenge",
    "Classroom",
    "Database",
    "Factor",
    "Failure",
    "FilterRule",
    "InstructorFailure",
    "InstructorSession",
    "JoinFailure",
    "LoginEvent",
    "LureDrill",
    "LtiCache",
    "LtiContext",
    "LtiGrade",
    "LtiLink",
    "LtiRegistration",
    "LtiUser",
    "Message",
    "PortalSession",
    "PortalSetting",
    "RecoveryCode",
    "Sandbox",
    "TrainingRecord",
    "TrustedDevice",
    "UnknownLoginFailure",
]
