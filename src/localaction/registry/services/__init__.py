"""The registry's use-cases in one place for the faces (each lives in its feature app). Each takes the acting user first (``access.SYSTEM`` for the operator's CLI), and for
writes to an existing version its ``revision`` as read; each raises the errors in ``registry.errors``."""

from localaction.registry.actions.services import create_action
from localaction.registry.base.services.comments import (
    add_comment,
    comments_on,
    delete_comment,
    unanswered_comments,
)
from localaction.registry.base.services.jurisdictions import (
    add_identifier,
    create_jurisdiction,
    find_by_identifier,
    get_jurisdiction,
    set_stat,
    update_jurisdiction,
)
from localaction.registry.base.services.people import (
    create_user,
    get_user,
    grant_role,
    grant_secretariat_role,
    revoke_role,
    revoke_secretariat_role,
)
from localaction.registry.base.services.submissions import create_submission, update_submission, visible
from localaction.registry.base.services.workflow import (
    delete_submission,
    history,
    open_correction,
    publish,
    reopen,
    request_changes,
    submit,
    transition,
    validate,
    verify,
    withdraw,
)
from localaction.registry.hazards.services import create_hazard
from localaction.registry.inventories.services import (
    INVENTORY_FIELDS,
    clear_line,
    copy_forward,
    create_inventory,
    delete_record,
    get_inventory,
    put_line,
    put_record,
    replace_contents,
    update_inventory,
    visible_inventories,
)
from localaction.registry.targets.services import create_commitment, create_target

__all__ = [
    "INVENTORY_FIELDS",
    "add_comment",
    "add_identifier",
    "clear_line",
    "comments_on",
    "copy_forward",
    "create_action",
    "create_commitment",
    "create_hazard",
    "create_inventory",
    "create_jurisdiction",
    "create_submission",
    "create_target",
    "create_user",
    "delete_comment",
    "delete_record",
    "delete_submission",
    "find_by_identifier",
    "get_inventory",
    "get_jurisdiction",
    "get_user",
    "grant_role",
    "grant_secretariat_role",
    "history",
    "open_correction",
    "publish",
    "put_line",
    "put_record",
    "reopen",
    "replace_contents",
    "request_changes",
    "revoke_role",
    "revoke_secretariat_role",
    "set_stat",
    "submit",
    "transition",
    "unanswered_comments",
    "update_inventory",
    "update_jurisdiction",
    "update_submission",
    "validate",
    "verify",
    "visible",
    "visible_inventories",
    "withdraw",
]
