"""The page: its layout (page.py) and one module per tab (tabs/), bound to the API's functions and the
lessons below."""
