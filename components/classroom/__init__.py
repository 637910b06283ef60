"""A class on one shared copy: who is calling (access), how much they may do (limits), what each browser
session keeps (sessions), share links (setups), the HTTP gate in front of the app, and the Playground that
holds it all for the handlers above. Imports core, never lessons, api or ui."""
