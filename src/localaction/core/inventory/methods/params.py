"""Every ``param:<name>`` a method reads, with what it does: one definition for the template, its help
texts and docs/activity-template.md (a test keeps them in step with the methods)."""

from __future__ import annotations

FUELS = "fuel_combustion, transport_fuel"
WASTE = "landfill methods, biological_treatment, incineration, wastewater"

PARAMS: dict[str, str] = {
    # fuels
    "sector_of_use": f"{FUELS}: the sector using the fuel (residential, commercial_institutional, "
    "manufacturing_construction, energy_industries, agriculture_forestry_fishing; road, rail, navigation, "
    "aviation, off_road); blank = from the GPC line (I.1 residential … I.5 agriculture, II.x the mode).",
    "calorific_basis": f"{FUELS}: net or gross, how an energy quantity is read; blank = the unit's convention "
    "(therm, Btu, MMBtu, Dth gross; J, Wh net).",
    "fuel": "The fuel when activity is blank (fuel methods), or the vehicles' fuel (transport_distance: "
    "diesel, motor_gasoline … or electricity).",
    "equipment": "transport_fuel: which mobile factor row applies, e.g. household_equipment_2_stroke, "
    "agriculture_equipment_4_stroke for off-road gasoline (also read as param:vehicle_type or param:engine).",
    "density_kg_per_l": f"{FUELS}: the fuel's density, for volumes, instead of the library's.",
    "density_kg_per_m3": f"{FUELS}: a gas's density at the volume's conditions (natural gas default 0.7).",
    "biofuel_density_kg_per_l": f"{FUELS}: density of a blend's biofuel part (B20's biodiesel: none is sourced).",
    "heat_content": f"{FUELS}, fugitive_gas_distribution, district steam: energy per unit of volume or mass, "
    "e.g. 1.036 with heat_content_unit therm/ccf (your utility's therm factor), 1194 Btu/lb for steam.",
    "heat_content_unit": "Unit of param:heat_content (default Btu/ft3; Btu/lb for steam).",
    "kg_per_gge": f"{FUELS}: kg of fuel per gasoline gallon equivalent (CNG default 5.660 lb, NIST).",
    "kg_per_dge": f"{FUELS}: kg of fuel per diesel gallon equivalent (LNG default 6.06 lb; CNG: none sourced).",
    # grid
    "include_td_losses": "grid_energy: false leaves out transmission and distribution losses (scope 3).",
    "td_loss_share": "grid_energy: your own T&D loss share (e.g. 0.06), priced at the record's grid factor.",
    "td_factor_id": "grid_energy: pin the T&D factor by its id (e.g. to pair it with the grid factor's year).",
    "grid_zone": "transport_distance with fuel electricity: the grid zone (blank = the inventory's region).",
    # transport by distance
    "fuel_intensity": "transport_distance: fuel or energy used per distance, in param:fuel_intensity_unit.",
    "fuel_intensity_unit": "transport_distance: e.g. l/100km, gallon/mi, kWh/km (no default for electric vehicles).",
    "vehicle_class": "transport_distance: the vehicles' class, for the library's fuel use per vehicle-km when "
    "param:fuel_intensity is blank (US FHWA averages): passenger_cars, other_2_axle_4_tire_vehicles, motorcycles, "
    "diesel_buses_diesel_heavy_duty_vehicles, single_unit_2_axle_6_tire_or_more_trucks, combination_trucks.",
    # landfill
    "site_type": "Landfill: managed_anaerobic, managed_semi_aerobic, unmanaged_deep, unmanaged_shallow, "
    "uncategorised (default); 2019 Refinement also managed_poorly_semi_aerobic, managed_well_active_aeration, "
    "managed_poorly_active_aeration. Sets MCF and OX.",
    "oxidising_cover": "Landfill: true for a managed site covered with CH4-oxidising material (OX 0.1, IPCC 2006 "
    "Table 3.2).",
    "share_<type>": "Landfill, incineration of mixed waste: wet-weight share of a waste type (0-1): share_food, "
    "share_paper, share_garden, share_wood, share_textiles, share_nappies, share_rubber_leather, share_plastics, "
    "share_metal, share_glass, share_other_inert. Blank = IPCC 2006 Table 2.3 for the country's region.",
    "ipcc_region": "Landfill, incineration of MSW: the IPCC 2006 Table 2.3 region whose composition applies "
    "(e.g. North America, Eastern Asia); blank = the country's.",
    "country": "Waste methods: the country (ISO code) for regional defaults, when not the inventory's region.",
    "climate_zone": "landfill_first_order_decay: boreal_temperate_dry, boreal_temperate_wet, tropical_dry, "
    "tropical_wet (sets k); blank = the country's default (low quality).",
    "deposits": 'landfill_first_order_decay: earlier years\' deposits as JSON, e.g. {"2019": 40000}.',
    "recovered_ch4_t": "Landfill, biological treatment, wastewater: methane recovered, in tonnes.",
    "DOC": "Landfill: degradable organic carbon (fraction of wet weight) instead of the default.",
    "DOCf": "Landfill: fraction of DOC that decomposes instead of the edition's default.",
    "MCF": "Landfill, wastewater: methane correction factor instead of the default.",
    "F": "Landfill: fraction of CH4 in landfill gas instead of 0.5.",
    "OX": "Landfill: oxidation factor instead of the default.",
    "k": "landfill_first_order_decay: decay rate (1/year) instead of the default.",
    # biological, incineration, wastewater
    "moisture_basis": "biological_treatment: wet (default) or dry, the basis of the quantity.",
    "ef_ch4_g_per_kg": "biological_treatment: your CH4 factor, g per kg of waste.",
    "ef_n2o_g_per_kg": "biological_treatment: your N2O factor, g per kg of waste.",
    "technology": "incineration: continuous_stoker (default for MSW), continuous_fluidised_bed, "
    "semi_continuous_stoker, semi_continuous_fluidised_bed, batch_stoker, batch_fluidised_bed, open_burning.",
    "dry_matter": "incineration: dry matter fraction instead of the default.",
    "carbon_fraction": "incineration: total carbon fraction of dry matter instead of the default.",
    "fossil_carbon_fraction": "incineration: fossil share of the carbon instead of the default.",
    "oxidation_factor": "incineration: oxidation factor instead of 1 (incineration) or 0.58 (open burning).",
    "ef_ch4_kg_per_t": "incineration: your CH4 factor, kg per tonne (required for non-MSW wastes).",
    "ef_n2o_kg_per_t": "incineration: your N2O factor, kg per tonne.",
    "organics_basis": "wastewater: BOD (default) or COD, what the quantity (kg) measures.",
    "Bo": "wastewater: maximum CH4 producing capacity instead of 0.6 kg CH4/kg BOD.",
    "sludge_bod_kg": "wastewater: organics removed as sludge, kg.",
    "nitrogen_effluent_kg": "wastewater: nitrogen in the effluent, kg N (for N2O).",
    "ef_n2o_kg_per_kg_n": "wastewater: kg N2O-N per kg N (required for IPCC 2006 inventories: the 2006 "
    "value is not in the library; 2019 Refinement 0.005).",
    # direct entry, fugitives
    "<GAS>_t": "direct_entry: tonnes of a gas, e.g. CO2_t, CH4_t, N2O_t, SF6_t, CO2e_t, biogenic_CO2_t.",
    "methane_origin": "direct_entry, incineration: fossil or non-fossil (AR6 GWPs); blank = by the GPC sector "
    "(waste and AFOLU non-fossil, energy and industry fossil).",
    "leakage_rate": "fugitive_gas_distribution: share of the throughput leaked (e.g. 0.002). Required.",
    "ch4_fraction": "fugitive_gas_distribution: CH4 share of the gas by volume (e.g. 0.93). Required.",
    "co2_fraction": "fugitive_gas_distribution: CO2 share of the gas by volume (optional).",
    "gas_temperature_c": "fugitive_gas_distribution: temperature the volume is stated at (°C); US cubic feet "
    "are 60 °F by definition, m3 need it.",
    # files
    "year": "Several years in one file: the inventory year of the row (the file is split by it).",
}
