"""The web interface (`dateline serve`): stories, timelines, outlets, speakers, articles, search."""

from dateline.web.app import create_app

__all__ = ["create_app"]
