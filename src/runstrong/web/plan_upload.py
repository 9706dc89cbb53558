"""Accepting a run calendar (an uploaded file or a feed URL): checks, then planning,
with errors as 4xx naming the field at fault."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Annotated

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runstrong.plan.errors import PlanInputError
from runstrong.plan.feeds import FeedError
from runstrong.plan.windows import parse_windows
from runstrong.plan.zones import user_zone
from runstrong.web.errors import InputError
from runstrong.web.plan_view import PlanView
from runstrong.web.planning import MAX_UPLOAD_BYTES, PlanOptions, accept_feed, accept_upload
from runstrong.workouts.library import DEFAULT_WORKOUT, Library

if TYPE_CHECKING:
    from runstrong.store.database import Store


class PlanForm(BaseModel):
    """The upload form's fields; blank ones take the defaults."""

    model_config = ConfigDict(extra="ignore")

    workout_id: Annotated[str, Field(max_length=64)] = DEFAULT_WORKOUT
    weeks: Annotated[int, Field(ge=1, le=26)] = 4
    start: date | None = None
    tz: Annotated[str, Field(max_length=64)] | None = None
    run_time: time = time(7, 0)
    windows: Annotated[str, Field(max_length=1000)] = Field(
        "", description="One window a line, e.g. Mon-Fri 06:00-07:30."
    )
    feed_url: Annotated[str, Field(max_length=2000)] = Field(
        "", description="A calendar feed (https:// or webcal://) to plan from instead of a file."
    )

    def options(self) -> PlanOptions:
        """The form as plan options, each checked here so an error names its own field.

        Raises:
            InputError: a field is not usable (422 on that field).
        """

        try:
            options = PlanOptions(
                workout_id=self.workout_id,
                weeks=self.weeks,
                start=self.start,
                tz=(self.tz or "").strip() or None,
                run_time=self.run_time,
                windows=[line.strip() for line in self.windows.splitlines() if line.strip()],
            )
        except ValidationError as err:
            first = err.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "options"
            raise _form_error(f"{field}: {first['msg']}", field) from None
        for field, check in (("tz", user_zone), ("windows", parse_windows)):
            try:
                check(getattr(options, field))
            except PlanInputError as err:
                hint = f" ({err.hint})" if err.hint else ""
                raise _form_error(f"{err}{hint}", field) from None
        return options


def _form_error(message: str, field: str, *, status: int = 422) -> InputError:
    return InputError(message, field=field, location="body", status=status)


def submit_plan(
    store: Store,
    user: str,
    library: Library,
    calendar: UploadFile | None,
    form: PlanForm,
    *,
    private_ok: bool = False,
) -> PlanView:
    """Plan from the uploaded file (at most 2 MB) or the feed URL, and keep the plan.

    Reading, fetching and planning block, so callers are plain `def` handlers,
    which FastAPI runs in its thread pool, never on the event loop.

    Raises:
        InputError: no calendar or feed, a file too big or of another type, a
            feed that cannot be fetched, or a calendar that cannot be planned
            from; the message says what to change. The stored plan is kept.
    """
    options = form.options()
    try:
        workout = library.get(options.workout_id)
    except LookupError as err:
        raise _form_error(str(err.args[0]), "workout_id") from None
    now = datetime.now(UTC)
    url = form.feed_url.strip()
    if url and calendar is not None and calendar.filename:
        raise _form_error("give a calendar file or a feed address, not both", "feed_url")
    if url:
        try:
            return accept_feed(
                store,
                user,
                url=url,
                options=options,
                workout=workout,
                now=now,
                private_ok=private_ok,
            )
        except (FeedError, PlanInputError) as err:
            raise _form_error(str(err), "feed_url") from None
    if calendar is None or not calendar.filename:
        raise _form_error("choose a calendar file, or give a feed address", "calendar")
    data = calendar.file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise _form_error("the calendar file is empty", "calendar")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _form_error("the calendar file is larger than 2 MB", "calendar", status=413)
    try:
        return accept_upload(
            store,
            user,
            filename=calendar.filename,
            data=data,
            options=options,
            workout=workout,
            now=now,
        )
    except ValueError as err:  # PlanInputError included: the file cannot be planned from
        raise _form_error(str(err), "calendar") from None
