"""The lead's rubric workspace: edit rubric YAML with live checking, preview and history."""

from scorer.ui.rubric_workspace.folder_watcher import FolderWatcher
from scorer.ui.rubric_workspace.workspace import RubricWorkspace

__all__ = ["FolderWatcher", "RubricWorkspace"]
