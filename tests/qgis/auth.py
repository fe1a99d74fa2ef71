"""The one master password of the throwaway test profile's authentication database.

Every test that stores credentials unlocks the manager with it: the first unlock fixes the password
of the session's database, and child processes (the CLI) get it through QGIS_AUTH_PASSWORD_FILE.
"""

from qgis.core import QgsApplication

MASTER_PASSWORD = "remix-test-master"


def unlocked_auth_manager():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(MASTER_PASSWORD, True)
    return manager
