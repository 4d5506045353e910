"""The Qt desktop application: the window, its models and the bridge to the bus."""
