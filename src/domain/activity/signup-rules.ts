/** Pure rules for activity sign-up. */

export type SignUpStatus = 'confirmed' | 'waitlisted' | 'cancelled'

export type SignUpWindow = 'open' | 'deadline-passed' | 'started' | 'cancelled'

/** Whether sign-up (and its cancellation) is still possible at `now`. */
export function signUpWindow(activity: { status: string; startsAt: Date; deadline: Date | null }, now: Date): SignUpWindow {
  if (activity.status === 'cancelled') return 'cancelled'
  if (activity.startsAt.getTime() <= now.getTime()) return 'started'
  // Closed at the deadline itself: that is when the group is told sign-up has closed.
  if (activity.deadline && activity.deadline.getTime() <= now.getTime()) return 'deadline-passed'
  return 'open'
}
