package com.servicedesk.events.intake;

public enum ComplaintCategory { PRODUCT_QUALITY, DELIVERY, SERVICE, DOCUMENTATION, OTHER }
