"""Core: what a call is and how it is made — generation settings and their knobs, hosts and their clients, the
calls themselves, errors, conversations and images, prices, where visitors' URLs may go, and the records of
what was sent. Imports nothing of the layers above (classroom, lessons, api, ui)."""
