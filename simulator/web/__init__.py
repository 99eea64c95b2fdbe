"""Flask glue shared by the sandbox and the portals: request context, sessions, safety."""
