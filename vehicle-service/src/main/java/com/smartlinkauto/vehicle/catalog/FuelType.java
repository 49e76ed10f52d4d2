package com.smartlinkauto.vehicle.catalog;

public enum FuelType {
    PETROL, DIESEL, HYBRID, PLUG_IN_HYBRID, ELECTRIC, LPG, HYDROGEN
}
