"""Login in steps (password, then code or enrolment), the authenticator set-up, recovery codes,
the password change, the account's security page, and the two-factor policy per municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from koers.access.models import Municipality, User
from koers.access.municipal_forms import MunicipalForm, municipal_policy_page
from koers.audit.log import record
from koers.audit.models import Action, Channel, Outcome
from koers.audit.scope import privacy_scope
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required

from . import login as steps
from . import totp
from .forms import CodeForm, EnrolForm, LockedOutForm, StyledPasswordChangeForm, TwoFactorPolicyForm
from .models import TotpDevice
from .oidc import oidc_enabled
from .policy import two_factor_required
from .redirects import next_step_response, safe_next


def lockout_message(until) -> str:
    moment = formats.time_format(until.astimezone(), "H:i") if until else ""
    return _("Te veel mislukte pogingen. Aanmelden kan weer na %(time)s.") % {"time": moment}


def user_named(username: str) -> User | None:
    return User.objects.filter(username=username).first()


class LoginView(auth_views.LoginView):
    """The first step: username and password, refused while the name or the address is locked out."""

    template_name = "security/login.html"

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "oidc_enabled": oidc_enabled()}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        until = steps.locked_until(request, username)
        if until is not None:
            steps.audit_login(
                request,
                user=user_named(username),
                username=username,
                outcome=Outcome.REFUSED,
                purpose="Aanmelden tijdens blokkade",
            )
            form = LockedOutForm(request, lockout_message(until), data=request.POST)
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        next_url = self.get_redirect_url()
        return next_step_response(
            self.request, steps.begin_second_step(self.request, user, next_url), next_url
        )

    def form_invalid(self, form) -> HttpResponse:
        username = form.data.get("username", "")
        codes = {error.code for error in form.non_field_errors().as_data()}
        if username and codes & {"invalid_login", "inactive"}:
            locked = steps.register_failure(
                self.request, username=username, user=user_named(username), purpose="Aanmelden met wachtwoord"
            )
            if locked:
                form.errors.clear()
                until = steps.locked_until(self.request, username)
                form.add_error(None, ValidationError(lockout_message(until), code="locked"))
        return super().form_invalid(form)


def pending_or_restart(request: HttpRequest) -> User | None:
    user = steps.pending_user(request)
    if user is None:
        messages.info(request, _("Meld je opnieuw aan."))
    return user


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, or one recovery code."""
    user = pending_or_restart(request)
    if user is None:
        return redirect("login")
    device = totp.confirmed_device(user)
    if device is None:
        return redirect("security:enrol")
    until = steps.locked_until(request, user.username)
    form = CodeForm(request.POST or None)
    if until is not None:
        steps.forget_pending(request)
        messages.error(request, lockout_message(until))
        return redirect("login")
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        used_recovery = False
        accepted = totp.verify(device, code)
        if not accepted:
            used_recovery = accepted = totp.use_recovery_code(user, code)
        if accepted:
            next_url = steps.pending_next(request)
            steps.complete_login(request, user)
            if used_recovery:
                messages.warning(
                    request,
                    _("Je hebt een herstelcode gebruikt. Er zijn er nog %(count)d over.")
                    % {"count": totp.unused_recovery_codes(user)},
                )
            return redirect(safe_next(request, next_url))
        if steps.register_failure(request, username=user.username, user=user, purpose="Aanmelden met code"):
            steps.forget_pending(request)
            messages.error(request, lockout_message(steps.locked_until(request, user.username)))
            return redirect("login")
        form.add_error("code", _("Deze code klopt niet of is al gebruikt."))
    errors = form_error_links(form)
    return render(
        request,
        "security/verify.html",
        {"form": form, "errors": errors, "errors_title": summary_title(errors) if errors else ""},
    )


def enrolling_user(request: HttpRequest) -> User | None:
    if request.user.is_authenticated:
        return request.user
    return steps.pending_user(request)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code. Half-way
    through a login (when the policy demands it) this completes the login."""
    user = enrolling_user(request)
    if user is None:
        messages.info(request, _("Meld je opnieuw aan."))
        return redirect("login")
    if totp.confirmed_device(user) is not None:
        if request.user.is_authenticated:
            return redirect("security:account")
        return redirect("security:verify")
    device = totp.unconfirmed_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp.confirm(device, form.cleaned_data["code"]):
            request.session[steps.NEW_RECOVERY_CODES] = totp.replace_recovery_codes(user)
            if not request.user.is_authenticated:
                next_url = steps.pending_next(request)
                steps.complete_login(request, user)
                request.session[steps.PENDING_NEXT] = next_url
            return redirect("security:recovery_codes")
        form.add_error(
            "code", _("Deze code klopt niet. Controleer de tijd op je telefoon en probeer het opnieuw.")
        )
    errors = form_error_links(form)
    return render(
        request,
        "security/enrol.html",
        {
            "form": form,
            "errors": errors,
            "errors_title": summary_title(errors) if errors else "",
            "qr_code": totp.qr_code_svg(device, _("QR-code voor je authenticator-app")),
            "secret": totp.grouped_secret(device),
            "required": two_factor_required(user),
            "during_login": not request.user.is_authenticated,
        },
    )


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once."""
    codes = request.session.pop(steps.NEW_RECOVERY_CODES, None)
    next_url = request.session.pop(steps.PENDING_NEXT, "")
    if not codes:
        return redirect("security:account")
    return render(
        request, "security/recovery_codes.html", {"codes": codes, "next_url": safe_next(request, next_url)}
    )


@login_required
@csrf_protect
@never_cache
def account(request: HttpRequest) -> HttpResponse:
    """The user's own security: two-step verification and the password; new recovery codes on request."""
    device = TotpDevice.objects.filter(user=request.user, confirmed_at__isnull=False).first()
    if request.method == "POST" and device is not None:
        request.session[steps.NEW_RECOVERY_CODES] = totp.replace_recovery_codes(request.user)
        return redirect("security:recovery_codes")
    return render(
        request,
        "security/account.html",
        {
            "device": device,
            "required": two_factor_required(request.user),
            "unused_codes": totp.unused_recovery_codes(request.user),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = StyledPasswordChangeForm
    template_name = "security/password_change.html"
    success_url = reverse_lazy("security:account")

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Je wachtwoord is gewijzigd."))
        return response

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        errors = form_error_links(context["form"])
        context.update(errors=errors, errors_title=summary_title(errors) if errors else "")
        return context


@screen_login_required
@require_http_methods(["GET", "POST"])
def two_factor_policy(request: HttpRequest) -> HttpResponse:
    """The functional administrator sets, per municipality, which roles must use a second factor; each
    change is logged."""

    def log_policy(row: MunicipalForm) -> None:
        roles = ", ".join(sorted(row.form.instance.required_roles)) or "geen"
        record(
            user=request.user, action=Action.UPDATE, purpose="Beleid tweestapsverificatie",
            channel=Channel.UI, request=request, aggregate=True, municipality_id=row.municipality.pk,
            detail=f"Rollen: {roles}",
        )

    return municipal_policy_page(
        request,
        Municipality.objects.filter(pk__in=privacy_scope(request)).order_by("name"),
        TwoFactorPolicyForm,
        template="security/policy.html",
        done="security:policy",
        saved=_("Het beleid van %(name)s is opgeslagen."),
        after_save=log_policy,
    )


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin site logs in through Koers's own login, so that its steps apply there too."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
