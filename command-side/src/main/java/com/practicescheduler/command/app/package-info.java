/** The command side as a process of its own (port 8081): the distributed deployment. */
package com.practicescheduler.command.app;
