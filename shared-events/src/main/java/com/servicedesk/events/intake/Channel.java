package com.servicedesk.events.intake;

/** How the complaint reached us (seed 002 §3.1: 来电、来函、来访, plus fax, e-mail and web). */
public enum Channel { PHONE, FAX, LETTER, VISIT, EMAIL, WEB }
