"""The Qt Widgets client: thin views over the core's Book facade."""
