"""The embedded offline model: a real (tiny) next-token model served as an OpenAI-compatible API."""
