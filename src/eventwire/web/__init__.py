"""The dashboard: pages, charts and the article view, served by the API's FastAPI app."""
