/**
 * Group sessions (issue 18): a session of a group service reserves its provider's time once; each patient's seat
 * is an ordinary appointment naming the session.
 */
package com.practicescheduler.api.groupsession;
