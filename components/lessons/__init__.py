"""Lessons: what each tab sends (teaching), experiments (Compare, Sweep), tokens and next-token steps, the
context meter, the plans that build each endpoint's requests, the code view's scripts, and exports. Imports
core and classroom; never api or ui."""
