"""The account file (one per Official Account) and the role → permission matrix.

The schema holds what makes a file *readable*: types, allowed values, identifier shapes. What the
regulation asks of the content (a backup policy, an administrator, a complaint channel…) is left
optional here and checked by rules, so a gap is a finding with a position and a fix hint, not an
unusable file.

Constraints explain themselves in the user's language (Chinese by default): a bad AppID reads
"AppID 的格式是 wx 加 16 位小写十六进制字符…", never pydantic's "String should match pattern".
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

from oahandbook.base.i18n import get_lang
from oahandbook.data.models import Model, NonEmpty, Slug, Source, Text

RoleId = Literal["administrator", "long_term_operator", "short_term_operator"]
EntityType = Literal["enterprise", "government", "media", "other_organisation", "individual"]


def say(zh: str, en: str) -> str:
    """The message in the current language (``--lang``, Chinese by default)."""
    return en if get_lang() == "en" else zh


def explained(error_types: set[str], zh: str, en: str) -> WrapValidator:
    """Replace pydantic's English for these constraint errors with a bilingual explanation.

    Other errors (a number where text is expected…) pass through: validation words them already.
    The JSON Schema keeps the constraint itself (pattern, minimum, minItems).
    """

    def explain(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            if any(e["type"] in error_types and not e["loc"] for e in exc.errors()):
                raise ValueError(say(zh, en)) from None
            raise

    return WrapValidator(explain)


Filled = Annotated[
    str,
    StringConstraints(min_length=1),
    explained(
        {"string_too_short"}, "不能为空：请填写内容，或删掉这一行", "must not be empty: fill it in or delete the line"
    ),
]
"""Text that must not be empty (the account file's NonEmpty, explained)."""

Positive = Annotated[
    int,
    Field(gt=0),
    explained({"greater_than"}, "应为大于 0 的整数", "must be a whole number greater than 0"),
]

AtLeastOne = Annotated[
    list[Filled],
    Field(min_length=1),
    explained({"too_short"}, "列表不能为空：至少写一项", "the list must not be empty: give at least one item"),
]

OriginalId = Annotated[
    str,
    StringConstraints(pattern=r"^gh_[0-9a-f]{12}$"),
    explained(
        {"string_pattern_mismatch"},
        "原始 ID 的格式是 gh_ 加 12 位小写十六进制字符（0–9、a–f），例如 gh_0123456789ab；"
        "可在公众平台“设置与开发—公众号设置”中查到",
        "an original ID is gh_ followed by 12 lower-case hexadecimal characters (0–9, a–f), "
        "e.g. gh_0123456789ab; the platform shows it under Settings → Account settings",
    ),
]
AppId = Annotated[
    str,
    StringConstraints(pattern=r"^wx[0-9a-f]{16}$"),
    explained(
        {"string_pattern_mismatch"},
        "AppID 的格式是 wx 加 16 位小写十六进制字符（0–9、a–f），例如 wx0123456789abcdef；"
        "可在公众平台“设置与开发—基本配置”中查到",
        "an AppID is wx followed by 16 lower-case hexadecimal characters (0–9, a–f), "
        "e.g. wx0123456789abcdef; the platform shows it under Settings → Basic configuration",
    ),
]
WechatRef = Annotated[
    str,
    StringConstraints(pattern=r"^wechat:\S+$"),
    explained(
        {"string_pattern_mismatch"},
        "应写成 wechat: 加此人在单位人员档案中的标识，不含空格，例如 wechat:zhang-wei；不要写微信号本身",
        "write wechat: followed by the person's identifier in the organisation's records, without "
        "spaces, e.g. wechat:zhang-wei; never the WeChat ID itself",
    ),
]


# --------------------------------------------------------------------------- the account file


class AccountInfo(Model):
    """The Official Account as registered on the platform."""

    name: Filled = Field(
        description="Account name exactly as registered (公众号名称), spaces included: "
        "4–30 width units, one Chinese character counting as 2."
    )
    type: Literal["subscription", "service"] = Field(
        description="Account type: `subscription` (订阅号) or `service` (服务号)."
    )
    original_id: OriginalId = Field(description="Original ID (原始 ID): `gh_` and 12 lower-case hex digits.")
    app_id: AppId = Field(description="AppID (开发者 ID): `wx` and 16 lower-case hex digits. Public, not a secret.")
    introduction: Filled = Field(description="The account introduction (功能介绍) as shown to readers.")


class Entity(Model):
    """The entity (主体) the account is registered to."""

    name: Filled = Field(description="Registered name of the entity, as on its licence.")
    type: EntityType = Field(
        description="Entity type: enterprise, government, media, other_organisation or individual."
    )
    credit_code: str | None = Field(
        None,
        description="Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters. "
        "Required unless the entity is an individual; rule CE01 verifies its check character.",
    )


class AnnualReview(Model):
    """One annual review (年审) of the certification."""

    date: dt.date = Field(description="Date the review was submitted or completed.")
    result: Literal["passed", "failed", "pending"] = Field(description="Outcome: passed, failed or pending.")
    note: Filled | None = Field(None, description="Anything worth keeping, e.g. what the platform asked for.")


class Certification(Model):
    """WeChat certification (微信认证) and its record."""

    status: Literal["certified", "expired", "none", "in_review"] = Field(
        description="Current status: certified, expired, none (never certified) or in_review."
    )
    certified_date: dt.date | None = Field(None, description="Date the current certification was granted.")
    expiry_date: dt.date | None = Field(
        None,
        description="Last day the current certification is valid (认证到期日). Needed while certified.",
    )
    annual_reviews: list[AnnualReview] = Field(default_factory=list, description="Annual reviews, oldest first.")
    business_licence: Filled | None = Field(
        None,
        description="Where the business licence used for certification is filed: a document "
        "reference such as `docs:licences/2026-business-licence.pdf`, never the scan itself.",
    )
    info_updated: dt.date | None = Field(
        None, description="Date the certification information was last updated on the platform."
    )
    last_change: dt.date | None = Field(
        None,
        description="Date certification-related facts last changed (entity name, legal "
        "representative, business scope). The platform must be updated afterwards (rule CE04).",
    )


class Person(Model):
    """Someone bound to the account on the platform."""

    name: Filled = Field(description="The person's name.")
    wechat_id: WechatRef = Field(
        description="Reference to the person's WeChat ID in the organisation's records, such as "
        "`wechat:zhang-wei`; not the WeChat ID itself and never a password."
    )
    role: RoleId = Field(
        description="Platform role: administrator (管理员), long_term_operator (长期运营者) or "
        "short_term_operator (短期运营者)."
    )
    real_name_verified: bool | None = Field(
        None,
        description="Whether the WeChat ID has completed real-name verification (实名认证). Must be true.",
    )
    account_protection: bool | None = Field(
        None,
        description="Whether account protection (帐号保护, two-factor) is on for the WeChat ID. Must be true.",
    )
    permissions: list[Filled] = Field(
        default_factory=list,
        description="Permission ids the person holds (see the role matrix, data/roles.yaml), e.g. `publish`.",
    )
    appointed: dt.date = Field(description="Date the person was bound to the account.")
    end_date: dt.date | None = Field(
        None,
        description="Date the binding ends (required for short-term operators; set it when someone leaves).",
    )


class ThirdParty(Model):
    """A third-party platform authorised on the account."""

    name: Filled = Field(description="The third-party platform's name.")
    app_id: AppId | None = Field(None, description="The third-party platform's AppID, if known.")
    permission_sets: AtLeastOne = Field(
        description="Permission sets (权限集) granted, as the platform names them, e.g. 素材管理权限.",
    )
    authorised: dt.date | None = Field(None, description="Date the authorisation was granted.")
    purpose: Filled | None = Field(None, description="Why the platform needs the authorisation.")


class Backup(Model):
    """How the account's data is backed up."""

    what: AtLeastOne = Field(
        description="What is backed up, e.g. published articles, media library, comments.",
    )
    interval_days: Positive | None = Field(None, description="Days between backups; at most the policy's limit.")
    where: Filled = Field(description="Where backups are kept: storage the organisation controls.")
    encrypted: bool | None = Field(None, description="Whether backups are encrypted at rest. Should be true.")
    last_success: dt.date | None = Field(None, description="Date of the last successful backup.")


def _ip_network(entry: str) -> str:
    try:
        ipaddress.ip_network(entry, strict=False)
    except ValueError:
        # The value is not quoted (the position points at it): what is no address may be
        # anything pasted there, a password or an ID number included.
        raise ValueError(
            say(
                "不是 IP 地址或网段；应写成 203.0.113.10 或 198.51.100.0/28 这样的形式",
                "not an IP address or network; write it like 203.0.113.10 or 198.51.100.0/28",
            )
        ) from None
    return entry


IpNetwork = Annotated[str, AfterValidator(_ip_network)]


class Security(Model):
    """Where secrets live, who may call the API, and how data is backed up."""

    secrets: dict[Filled, str] = Field(
        default_factory=dict,
        description="Where each secret is kept, by name (appsecret, encoding_aes_key, "
        "admin_password…): a reference `env:NAME`, `vault:path` or `kms:key`, never the secret.",
    )
    ip_allowlist: list[IpNetwork] = Field(
        default_factory=list,
        description="IP addresses or networks (CIDR) allowed to call the platform API.",
    )
    backup: Backup | None = Field(None, description="The backup policy and its record.")


class Channel(Model):
    """A way the public can reach the organisation."""

    kind: Literal["phone", "email", "message", "menu", "auto_reply", "web", "other"] = Field(
        description="Kind of channel: phone, email, message (后台留言), menu (自定义菜单), auto_reply, web or other."
    )
    contact: Filled = Field(description="The public contact: number, address, menu path or URL.")
    note: Filled | None = Field(None, description="Opening hours or anything a reader should know.")


class Interaction(Model):
    """Enquiries and complaints (clause 2.3(2))."""

    enquiry_channels: list[Channel] = Field(default_factory=list, description="Channels for enquiries (咨询).")
    complaint_channels: list[Channel] = Field(default_factory=list, description="Channels for complaints (投诉).")
    response_hours: Positive | None = Field(None, description="Committed time to a first response, in hours.")
    escalation_contact: Filled | None = Field(
        None, description="Who serious complaints are escalated to (a role or a person)."
    )


class Account(Model):
    """One Official Account: identity, certification, people, security and interaction.

    Start the file with `kind: account` so `oahandbook check` recognises it.
    """

    kind: Literal["account"] = Field(description="Always `account`: marks the file as an account file.")
    account: AccountInfo = Field(description="The account as registered.")
    entity: Entity = Field(description="The entity (主体) the account belongs to.")
    certification: Certification = Field(
        description="WeChat certification (微信认证). Write `status: none` if the account is not certified."
    )
    people: list[Person] = Field(default_factory=list, description="Everyone bound to the account.")
    third_parties: list[ThirdParty] = Field(
        default_factory=list, description="Third-party platforms authorised on the account."
    )
    security: Security | None = Field(None, description="Secret references, API allowlist, backups.")
    interaction: Interaction | None = Field(None, description="Enquiry and complaint handling.")
    reviewed: dt.date | None = Field(None, description="Date the whole file was last reviewed.")


# --------------------------------------------------------------------------- data/roles.yaml


class Permission(Model):
    id: Slug = Field(description="Stable id used in account files.")
    name: Text = Field(description="The permission as the platform's console names it.")
    description: Text = Field(description="What the permission lets a person do.")
    admin_only_reason: Text | None = Field(
        None,
        description="Why only the administrator may hold it (shown in findings and the handbook).",
    )


class Role(Model):
    id: RoleId
    name: Text
    description: Text
    limit: NonEmpty = Field(description="Platform fact id with the most people of this role per account.")
    permissions: list[Slug] = Field(description="Permission ids the role may hold.")


class RoleMatrix(Model):
    """The platform's permission system: which role may hold which permission (clause 2.2(3))."""

    sources: list[Source] = Field(min_length=1, description="Where the matrix comes from.")
    note: Text = Field(description="How the matrix was derived and how to read it.")
    permissions: list[Permission] = Field(min_length=1)
    roles: list[Role] = Field(min_length=3, max_length=3)

    @model_validator(mode="after")
    def _consistent(self) -> RoleMatrix:
        ids = [p.id for p in self.permissions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"permission ids appear twice: {', '.join(duplicates)}")
        roles = [r.id for r in self.roles]
        if len(set(roles)) != len(roles):
            raise ValueError("each role appears exactly once")
        for role in self.roles:
            unknown = [p for p in role.permissions if p not in ids]
            if unknown:
                raise ValueError(f"role {role.id}: unknown permissions {', '.join(unknown)}")
        return self

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def permission(self, permission_id: str) -> Permission | None:
        return next((p for p in self.permissions if p.id == permission_id), None)

    def allowed(self, role_id: str, permission_id: str) -> bool:
        return permission_id in self.role(role_id).permissions
