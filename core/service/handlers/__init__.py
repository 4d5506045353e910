"""Service handlers, one module per aggregate; ``bus.scan("core.service.handlers")`` finds them."""
