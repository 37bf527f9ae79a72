from django.contrib import admin

from .models import MbPolicy, Trajectory, Transition


@admin.register(MbPolicy)
class MbPolicyAdmin(admin.ModelAdmin):
    list_display = ("municipality", "version", "preset", "created_at", "created_by")
    list_filter = ("municipality",)
    readonly_fields = ("municipality", "version", "preset", "data", "created_at", "created_by")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ("from_state", "to_state", "on", "reason", "actor", "recorded_at")
    can_delete = False


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ("person", "state", "state_since", "mb_start", "planned_end", "worker")
    list_filter = ("state",)
    raw_id_fields = ("person", "worker")
    readonly_fields = ("policy", "state", "state_since")
    inlines = [TransitionInline]
