package com.smartlinkauto.vehicle.catalog;

public enum Transmission {
    MANUAL, AUTOMATIC
}
