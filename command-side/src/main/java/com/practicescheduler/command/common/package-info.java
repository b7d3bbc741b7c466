/** What every command-side feature uses: rule violations and their translation into error codes. */
package com.practicescheduler.command.common;
