"""Sign up, log in (throttled), log out, settings, password, API tokens, export, deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nearer.web.accounts import deletion, importing, passwords, throttle
from nearer.web.accounts.export import export_filename, export_json
from nearer.web.accounts.export_zip import export_zip_file, zip_filename
from nearer.web.accounts.forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    ImportForm,
    LoginForm,
    SettingsForm,
    SignUpForm,
)
from nearer.web.accounts.models import ApiToken
from nearer.web.country import country_hint, guess_country
from nearer.web.helpers import current_user, form_status


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    guess = guess_country(request)
    form = SignUpForm(
        request.POST if request.method == "POST" else None, initial={"country": guess.code or ""}
    )
    form.fields["country"].help_text = country_hint(guess)
    if request.method == "POST":
        email = str(request.POST.get("email", ""))
        if throttle.is_locked(request, email):
            form = SignUpForm(initial={"country": guess.code or ""})
            form.fields["country"].help_text = country_hint(guess)
            context = {"form": form, "blocked": throttle.blocked_message(request)}
            return render(request, "accounts/signup.html", context, status=429)
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.display_name}. Your space is ready.")
            # Someone who followed an invitation link goes back to it; others meet the
            # partner page.
            return redirect(_local(request.GET.get("next", "")) or "couples:partner")
        throttle.count_taken_email(request, form, email)
    return render(
        request, "accounts/signup.html", {"form": form}, status=form_status(request, form)
    )


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """The form authenticates through django-axes' backend (accounts.throttle): a locked
    account-and-address pair is refused before the password is even checked."""
    if request.user.is_authenticated:
        return redirect("home")
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            login(request, form.get_user())
            return redirect(_local(request.GET.get("next", "")) or "home")
        if throttle.was_locked(request):
            context = {"form": LoginForm(request), "blocked": throttle.blocked_message(request)}
            return render(request, "accounts/login.html", context, status=429)
    return render(request, "accounts/login.html", {"form": form}, status=form_status(request, form))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You are logged out.")
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("accounts:settings")
    tokens = user.api_tokens.order_by("-created_at")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "tokens": tokens},
        status=form_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    """Keeps this session; ends every other one and revokes every API token."""
    user = current_user(request)
    form = ChangePasswordForm(user, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = passwords.change_password(request, user, form)
        if status == 200:
            messages.success(
                request,
                "Password changed. Other devices are logged out and every API token of "
                "yours is revoked.",
            )
            return redirect("accounts:settings")
    return render(request, "accounts/password.html", {"form": form}, status=status)


@login_required
@require_POST
def new_token(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    token = ApiToken.issue(user)
    return render(request, "accounts/token.html", {"token": token})


@login_required
@require_POST
def revoke_tokens(request: HttpRequest) -> HttpResponse:
    current_user(request).api_tokens.all().delete()
    messages.success(request, "Every API token of yours is revoked.")
    return redirect("accounts:settings")


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse | FileResponse:
    """Everything of the logged-in user's, as one JSON file to save. No id in the URL: there
    is no way to ask for anyone else's. ``?format=zip`` gives the zip with CSV tables and a
    README (the Settings button); JSON stays the default."""
    wanted = request.GET.get("format", "json")
    if wanted == "zip":
        download = FileResponse(
            export_zip_file(current_user(request)),
            as_attachment=True,
            filename=zip_filename(),
            content_type="application/zip",
        )
        download["Cache-Control"] = "no-store"
        return download
    if wanted != "json":
        return HttpResponse("Unknown export format. Use format=json or format=zip.", status=400)
    response = HttpResponse(
        export_json(current_user(request)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    # A personal file: no shared cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest) -> HttpResponse:
    """Upload an export from another nearer into this account: a dry run first that says
    what would be added, kind by kind, then "Add it" (the checked file travels back signed,
    so it is not chosen twice). Rows are matched by public id, so nothing doubles."""
    user = current_user(request)
    confirmed = str(request.POST.get("confirmed", "")) if request.method == "POST" else ""
    form = ImportForm(None if confirmed else request.POST or None, request.FILES or None)
    plan = None
    token = None
    refused = ""
    status = 200
    try:
        if confirmed:
            document = importing.document_from_token(confirmed, user)
            return _imported(request, importing.apply_import(document, user=user))
        if request.method == "POST":
            if form.is_valid():
                document = importing.read_export(form.cleaned_data["file"])
                if form.cleaned_data["apply"]:
                    return _imported(request, importing.apply_import(document, user=user))
                plan = importing.plan_import(document, user=user)
                token = importing.confirm_token(document, user)
            else:
                status = 400
    except importing.ImportRefused as exc:
        if form.is_bound:
            form.add_error("file", str(exc))
        else:  # the confirm step: no file was sent, so the error stands above the form
            refused = str(exc)
        status = 400
    response = render(
        request,
        "accounts/import.html",
        {"form": form, "plan": plan, "token": token, "refused": refused},
        status=status,
    )
    if token:
        # The page carries the person's data in the confirm form: no cache may keep it.
        response["Cache-Control"] = "no-store"
    return response


def _imported(request: HttpRequest, plan: importing.ImportPlan) -> HttpResponse:
    messages.success(request, "Imported. " + "; ".join(plan.lines()) + ".")
    return redirect("accounts:settings")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                deletion.confirm_password(request, user, form.cleaned_data["password"])
            except deletion.DeletionRefused as exc:
                form.add_error("password", str(exc))
                status = exc.status
            else:
                deletion.delete_account(user)
                logout(request)
                return redirect("accounts:goodbye")
        else:
            status = 400
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "contents": deletion.contents_of(user)},
        status=status,
    )


@require_GET
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/goodbye.html")


def _local(next_url: str) -> str:
    """``next`` only when it is a path on this site (never //other.example or a scheme)."""
    if next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return ""
