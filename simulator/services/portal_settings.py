"""What a portal stores for a sandbox, typed by the model its registry entry declares.

One table (``portal_settings``, migration 0007) keeps every portal's values as JSON; this
module is the only code that reads or writes it, through the portal's pydantic model, so a
missing value has its default, a wrong one fails here, and a new setting needs no migration.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..domain import registry
from ..store import PortalSetting
from .context import SandboxContext


def _model(portal: str) -> type[BaseModel]:
    model = registry.BY_KEY[portal].settings
    if model is None:
        raise KeyError(f"{portal} declares no settings in domain/registry.py")
    return model


def read(ctx: SandboxContext, portal: str) -> BaseModel:
    row = ctx.db.get(PortalSetting, (ctx.sandbox.id, portal))
    return _model(portal).model_validate(row.values if row is not None else {})


def change(ctx: SandboxContext, portal: str, **values: Any) -> BaseModel:
    """Validate the new values with the portal's model, then save them all at once."""
    model = _model(portal)
    current = read(ctx, portal)
    updated = model.model_validate({**current.model_dump(mode="json"), **values})
    row = ctx.db.get(PortalSetting, (ctx.sandbox.id, portal))
    if row is None:
        row = PortalSetting(sandbox_id=ctx.sandbox.id, portal=portal, values={})
        ctx.db.add(row)
    row.values = updated.model_dump(mode="json")
    ctx.db.flush()
    return updated
