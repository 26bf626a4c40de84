"""tradeguard.batch"""
