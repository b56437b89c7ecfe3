"""The test run keeps its settings, backups and log in its own temporary folder, never the user's."""

from desktop.logs import log_dir
from desktop.paths import local_data_dir, user_data_dir
from desktop.store.backups import default_backups


def test_the_user_data_folder_is_the_runs_own(user_data_elsewhere):
    assert user_data_dir().is_relative_to(user_data_elsewhere)


def test_window_backups_land_in_the_runs_folder(user_data_elsewhere):
    assert default_backups().root.is_relative_to(user_data_elsewhere)


def test_the_local_folder_and_the_log_are_the_runs_own(user_data_elsewhere):
    assert local_data_dir().is_relative_to(user_data_elsewhere)
    assert log_dir().is_relative_to(user_data_elsewhere)
