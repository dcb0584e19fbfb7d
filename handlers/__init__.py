"""Platform-neutral use cases: one module per command, `async def handle(ctx, incoming) -> Reply`."""
